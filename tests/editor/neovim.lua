-- Drives `reflib lsp` from a real Neovim (0.7+) set up with the Lua snippet
-- from docs/editors.md (an autocmd on yaml buffers under entries/ that starts
-- one client and attaches every such buffer to it). Run headless by
-- tests/editor/neovim.test.ts:
--
--   REFLIB_NVIM_CONFIG=config.json nvim --headless --clean -u NONE -c 'luafile tests/editor/neovim.lua'
--
-- config.json: {
--   setup_file: "/tmp/…/init.lua", -- the snippet from docs/editors.md
--   root: "/tmp/…",         -- the library (holds entries/)
--   out: "/tmp/…/out.json", -- where the results go
--   timeout_ms: 20000,      -- the bound of every wait
--   open: "entries/…",      -- the entry opened first, whose diagnostics are recorded
--   wait_for_code: "broken-link", -- wait until a diagnostic with this code shows (else: any publish)
--   probes: [ { name, method: "completion"|"definition"|"hover", file, line, character, replace_line?, settle_ms? } ]
-- }
-- Lines and characters are 0-based, as in LSP. A probe with replace_line sets
-- that line's text first, as typing would (Neovim sends didChange itself);
-- settle_ms waits that long after the request before recording the buffer's
-- diagnostics with the answer.
--
-- Every wait is bounded. Whatever happens, the results (with any error) are
-- written and Neovim quits; the server is stopped first, and killed when it
-- does not exit.

local cfg
local out = { errors = {} }
local client_id
local exited = false

local function read_file(path)
  local f = assert(io.open(path, 'r'))
  local text = f:read('*a')
  f:close()
  return text
end

local function write_out()
  local f = io.open(cfg.out, 'w')
  if f then
    f:write(vim.json.encode(out))
    f:close()
  end
end

local function is_null(x)
  return x == nil or x == vim.NIL
end

local function text_of(doc)
  if is_null(doc) then return nil end
  if type(doc) == 'string' then return doc end
  if type(doc) == 'table' and type(doc.value) == 'string' then return doc.value end
  return nil
end

--- The editor's set-up: the snippet from docs/editors.md, run as it is. The
--- fixture only watches it: it wraps vim.lsp.start_client to record the command
--- and root the snippet chose and when the server exits.
local function setup()
  vim.o.hidden = true
  vim.cmd('filetype on')
  local start_client = vim.lsp.start_client
  vim.lsp.start_client = function(config)
    out.cmd = config.cmd
    out.root_dir = config.root_dir
    local on_exit = config.on_exit
    config.on_exit = function(code, signal, id)
      exited = true
      out.exit = { code = code, signal = signal }
      if on_exit then on_exit(code, signal, id) end
    end
    client_id = start_client(config)
    return client_id
  end
  dofile(cfg.setup_file)
end

local function diagnostics_of(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(list, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, source = d.source, code = d.code, message = d.message,
    })
  end
  return list
end

local function open(file)
  local path = file:sub(1, 1) == '/' and file or (cfg.root .. '/' .. file)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

local function attached_and_ready(bufnr)
  local client = client_id and vim.lsp.get_client_by_id(client_id)
  return client ~= nil and client.initialized and vim.lsp.buf_is_attached(bufnr, client_id)
end

local function normalise_completion(result)
  if is_null(result) then return {} end
  local items = result.items or result
  local list = {}
  for _, item in ipairs(items) do
    table.insert(list, {
      label = item.label,
      detail = not is_null(item.detail) and item.detail or nil,
      documentation = text_of(item.documentation),
      kind = not is_null(item.kind) and item.kind or nil,
      labelDetails = type(item.labelDetails) == 'table' and item.labelDetails or nil,
      insertText = not is_null(item.insertText) and item.insertText or nil,
      newText = type(item.textEdit) == 'table' and item.textEdit.newText or nil,
    })
  end
  return list
end

local function normalise_locations(result)
  if is_null(result) then return {} end
  if result.uri or result.targetUri then result = { result } end
  local list = {}
  for _, l in ipairs(result) do
    local range = l.targetSelectionRange or l.range or l.targetRange
    table.insert(list, { uri = l.uri or l.targetUri, line = range and range.start.line })
  end
  return list
end

local function run_probe(probe)
  local bufnr = open(probe.file)
  if not vim.wait(cfg.timeout_ms, function() return attached_and_ready(bufnr) end, 20) then
    error('the server was not attached to ' .. probe.file .. ' in time')
  end
  if probe.replace_line then
    vim.api.nvim_buf_set_lines(bufnr, probe.line, probe.line + 1, false, { probe.replace_line })
  end
  -- Where the cursor is, as a user would have it (make_position_params reads it).
  vim.api.nvim_win_set_cursor(0, { probe.line + 1, probe.character })
  local params = vim.lsp.util.make_position_params()
  local method = 'textDocument/' .. probe.method
  if probe.method == 'completion' then params.context = { triggerKind = 1 } end
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, cfg.timeout_ms)
  local result = { name = probe.name, line_text = vim.api.nvim_buf_get_lines(bufnr, probe.line, probe.line + 1, false)[1], position = params.position }
  if probe.settle_ms then
    -- Give the server time to check the edit and publish, then record what the buffer shows.
    vim.wait(probe.settle_ms, function() return false end, 20)
  end
  result.diagnostics = diagnostics_of(bufnr)
  if not responses then
    result.error = 'no answer: ' .. tostring(err)
  else
    local response = responses[client_id]
    if not response then
      result.error = 'no answer from the reflib client'
    elseif response.err then
      result.error = vim.inspect(response.err)
    elseif probe.method == 'completion' then
      result.items = normalise_completion(response.result)
    elseif probe.method == 'hover' then
      result.hover = not is_null(response.result) and text_of(response.result.contents) or nil
    else
      result.locations = normalise_locations(response.result)
    end
  end
  return result
end

local function main()
  cfg = vim.json.decode(read_file(os.getenv('REFLIB_NVIM_CONFIG')))
  out.nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch
  setup()

  out.log_path = vim.lsp.get_log_path()
  local bufnr = open(cfg.open)
  out.filetype = vim.bo[bufnr].filetype
  vim.wait(cfg.timeout_ms, function() return exited or attached_and_ready(bufnr) end, 20)
  if exited then error('the server exited before it was ready: ' .. vim.inspect(out.exit)) end
  if not attached_and_ready(bufnr) then error('the server did not start and attach in time') end
  local client = vim.lsp.get_client_by_id(client_id)
  local caps = client.server_capabilities or {}
  out.capabilities = {
    completion = caps.completionProvider ~= nil,
    hover = not is_null(caps.hoverProvider) and caps.hoverProvider ~= false,
    definition = not is_null(caps.definitionProvider) and caps.definitionProvider ~= false,
  }

  local function shown()
    local list = vim.diagnostic.get(bufnr)
    if not cfg.wait_for_code then return #list > 0 end
    for _, d in ipairs(list) do
      if d.code == cfg.wait_for_code then return true end
    end
    return false
  end
  out.diagnostics_in_time = vim.wait(cfg.timeout_ms, shown, 20)
  out.diagnostics = diagnostics_of(bufnr)

  out.probes = {}
  for _, probe in ipairs(cfg.probes or {}) do
    local ok, result = pcall(run_probe, probe)
    table.insert(out.probes, ok and result or { name = probe.name, error = tostring(result) })
  end
end

local ok, err = pcall(main)
if not ok then table.insert(out.errors, tostring(err)) end
-- Stop the server: politely, then by force.
if client_id then
  local client = vim.lsp.get_client_by_id(client_id)
  if client then client.stop() end
  if not vim.wait(5000, function() return exited end, 20) then
    if client then client.stop(true) end
    vim.wait(2000, function() return exited end, 20)
  end
end
out.server_exited = exited
if cfg then write_out() end
vim.cmd(ok and 'qa!' or 'cquit 1')
