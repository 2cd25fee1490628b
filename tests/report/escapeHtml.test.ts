/** Escaping: every character that could start markup or leave an attribute is escaped; unsafe URLs are dropped. */
import { describe, expect, it } from 'vitest';
import { encodePath, escapeHtml, escapeUrl } from '../../scripts/report/escapeHtml';

describe('escapeHtml', () => {
  it.each([
    ['plain text', 'plain text'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a & b', 'a &amp; b'],
    ['"quoted" and \'single\'', '&quot;quoted&quot; and &#39;single&#39;'],
    ['already &amp; escaped', 'already &amp;amp; escaped'],
    ['<img src=x onerror="alert(1)">', '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'],
    ['Stress–magnesium “circle” ✓', 'Stress–magnesium “circle” ✓'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it.each([
    [42, '42'],
    [undefined, ''],
    [null, ''],
  ])('turns %j into text', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('escapeUrl', () => {
  it.each([
    ['https://pubmed.ncbi.nlm.nih.gov/33260549/', 'https://pubmed.ncbi.nlm.nih.gov/33260549/'],
    ['http://example.org/?a=1&b=2', 'http://example.org/?a=1&amp;b=2'],
    ['mailto:editor@example.org', 'mailto:editor@example.org'],
    ['../entries/3ca17b72.html', '../entries/3ca17b72.html'],
    ['#ref-1', '#ref-1'],
    ['javascript:alert(1)', '#'],
    ['  JavaScript:alert(1)', '#'],
    ['data:text/html,<script>alert(1)</script>', '#'],
    ['vbscript:msgbox', '#'],
    ['x" onclick="alert(1)', 'x&quot; onclick=&quot;alert(1)'],
  ])('%j → %j', (input, expected) => {
    expect(escapeUrl(input)).toBe(expected);
  });
});

describe('encodePath', () => {
  it.each([
    ['entries/topics/x.yaml', 'entries/topics/x.yaml'],
    ['../../entries/topics/x.yaml', '../../entries/topics/x.yaml'],
    ['entries/my file#1?.yaml', 'entries/my%20file%231%3F.yaml'],
    ['entries/<b>.yaml', 'entries/%3Cb%3E.yaml'],
  ])('%j → %j', (input, expected) => {
    expect(encodePath(input)).toBe(expected);
  });
});
