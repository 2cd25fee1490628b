/** Prose: text escaped, inline links rendered as links to entry pages, broken links marked, paragraphs kept. */
import { describe, expect, it } from 'vitest';
import { renderInline, renderProse, type LinkResolver } from '../../scripts/report/renderProse';

const TITLES: Record<string, string> = { '3ca17b72': 'Magnesium forms compared', '033c7bbb': 'Stress & <magnesium>' };
const links: LinkResolver = { href: (id) => (TITLES[id] ? `${id}.html` : undefined), title: (id) => TITLES[id] };

describe('renderInline', () => {
  it.each([
    ['no links here', 'no links here'],
    ['see [[3ca17b72]].', 'see <a class="xref" href="3ca17b72.html">Magnesium forms compared</a>.'],
    ['see [[3ca17b72|the comparison]]', 'see <a class="xref" href="3ca17b72.html">the comparison</a>'],
    ['see [[ 3ca17b72 | spaced ]]', 'see <a class="xref" href="3ca17b72.html">spaced</a>'],
    ['titles are escaped: [[033c7bbb]]', 'titles are escaped: <a class="xref" href="033c7bbb.html">Stress &amp; &lt;magnesium&gt;</a>'],
    ['[[3ca17b72|<script>alert(1)</script>]]', '<a class="xref" href="3ca17b72.html">&lt;script&gt;alert(1)&lt;/script&gt;</a>'],
    ['<b>bold</b> [[3ca17b72]]', '&lt;b&gt;bold&lt;/b&gt; <a class="xref" href="3ca17b72.html">Magnesium forms compared</a>'],
    ['gone: [[deadbeef]]', 'gone: <span class="xref-broken" title="No entry has ID deadbeef">[[deadbeef]]</span>'],
    ['gone: [[deadbeef|label]]', 'gone: <span class="xref-broken" title="No entry has ID deadbeef">label</span>'],
    ['not a link: [[ unclosed', 'not a link: [[ unclosed'],
    ['two: [[3ca17b72|a]] and [[033c7bbb|b]]', 'two: <a class="xref" href="3ca17b72.html">a</a> and <a class="xref" href="033c7bbb.html">b</a>'],
  ])('%j', (text, html) => {
    expect(renderInline(text, links)).toBe(html);
  });

  it('never lets a target inject markup into the title attribute', () => {
    expect(renderInline('[["><script>x</script>]]', links)).toBe('<span class="xref-broken" title="No entry has ID &quot;&gt;&lt;script&gt;x&lt;/script&gt;">[[&quot;&gt;&lt;script&gt;x&lt;/script&gt;]]</span>');
  });
});

describe('renderProse', () => {
  it.each([
    ['One paragraph.', '<p>One paragraph.</p>'],
    ['First.\n\nSecond.', '<p>First.</p>\n<p>Second.</p>'],
    ['Line one\nline two', '<p>Line one<br>line two</p>'],
    ['  padded  \n', '<p>padded</p>'],
    ['See [[3ca17b72]].\n\n<i>x</i>', '<p>See <a class="xref" href="3ca17b72.html">Magnesium forms compared</a>.</p>\n<p>&lt;i&gt;x&lt;/i&gt;</p>'],
  ])('%j', (text, html) => {
    expect(renderProse(text, links)).toBe(html);
  });
});
