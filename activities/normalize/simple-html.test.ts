import { describe, expect, it } from 'vitest';
import { convertHtml } from './html-text.js';
import { simpleHtmlToText } from './simple-html.js';

// simpleHtmlToText is html-to-text's output for the HTML it accepts: every case is checked against
// the library itself, compiled with the stage's options.
describe('simpleHtmlToText', () => {
  it.each([
    ['', ''],
    ['plain   text\nover two lines', 'plain text over two lines'],
    ['<h3>Who we are</h3><p>We  rent <b>bikes</b> &amp; e-scooters:</p>', 'Who we are\n\nWe rent bikes & e-scooters:'],
    ['<ul><li>One</li><li>Two <em>words</em></li></ul><ol><li>first</li><li>second</li></ol>', ' * One\n * Two words\n\n 1. first\n 2. second'],
    ['<ul>\n  <li>Spaced</li>\n  <li>items</li>\n</ul>', ' * Spaced\n * items'],
    ['<ul><li>Outer<ul><li>inner</li></ul></li></ul>', ' * Outer\n   * inner'],
    ['<p>a<br>b<br/>c<BR />d</p>', 'a\nb\nc\nd'],
    ['<div class="intro" data-x=1>Intro</div><div>Next</div>', 'Intro\nNext'],
    ['<p>x</p><p></p><p> </p><p>y</p>', 'x\n\n\n\n\n\ny'],
    ['<p>&lt;tag&gt; &quot;q&quot; &apos;a&#39; &#x41;&#66; &nbsp;R&amp;D & co</p>', '<tag> "q" \'a\' AB \u00a0R&D & co'],
    ['<P>Upper <STRONG>case</STRONG> tags</P>', 'Upper case tags'],
    ['<li>loose item</li> text <span>after</span>', 'loose item text after'],
    ['<ul><p>para in list</p>text in list</ul>', 'para in list\n\ntext in list'],
    ['a<b>b</b>c <i> d </i> e\u200bf', 'abc d e f'],
  ])('%j', (html, expected) => {
    expect(simpleHtmlToText(html)).toBe(expected);
    expect(convertHtml(html)).toBe(expected);
  });

  it.each([
    ['a link', '<p>See <a href="https://x.test">the site</a></p>'],
    ['an image', '<p><img src="x.png"></p>'],
    ['a comment', '<p>a<!-- b --></p>'],
    ['an h4, upper-cased', '<h4>Perks</h4>'],
    ['a list inside a paragraph, which the parser splits', '<p>Intro<ul><li>x</li></ul></p>'],
    ['an item inside an item', '<ul><li>a<li>b</ul>'],
    ['an unclosed tag', '<p>unclosed'],
    ['a stray closing tag', '<p>x</p></div>'],
    ['a bare "<"', '<p>2 < 3</p>'],
    ['an entity without its semicolon', '<p>AT&T &amp done</p>'],
    ['a numeric entity the decoder replaces', '<p>&#150; &#0;</p>'],
    ['a numbered list that starts elsewhere', '<ol start="3"><li>c</li></ol>'],
  ])('leaves %s to html-to-text', (_, html) => {
    expect(simpleHtmlToText(html)).toBeNull();
  });

  it('agrees with html-to-text on generated documents', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pick = <T>(options: readonly T[]) => options[Math.floor(random() * options.length)] as T;
    const spaces = [' ', '  ', '\n', '\t', '\u200b', '\u00a0', '\r\n', ''];
    const words = ['a', 'Python', 'São', 'x.', 'R$', '100%', '&amp;', '&#39;', '&nbsp;', '& ', '•', '>'];
    const tags = ['p', 'div', 'h1', 'h3', 'ul', 'ol', 'li', 'li', 'b', 'em', 'span', 'br'];
    const text = () => Array.from({ length: Math.floor(random() * 4) }, () => pick(spaces) + pick(words)).join('') + pick(spaces);
    const node = (depth: number, inParagraph: boolean): string => {
      if (depth > 3 || random() < 0.3) return text();
      const tag = pick(tags);
      if (tag === 'br') return pick(['<br>', '<br/>']);
      const paragraph = inParagraph || tag === 'p';
      const children = Array.from({ length: Math.floor(random() * 4) }, () => node(depth + 1, paragraph)).join(pick(spaces));
      // Blocks inside a paragraph are left out: the parser would close the paragraph first.
      return inParagraph && tag !== 'li' && !['b', 'em', 'span'].includes(tag) ? children : `<${tag}${pick(['', ' class="x"'])}>${children}</${tag}>`;
    };
    let compared = 0;
    for (let n = 0; n < 2000; n++) {
      const html = Array.from({ length: 1 + Math.floor(random() * 4) }, () => node(0, false)).join(pick(spaces));
      const fast = simpleHtmlToText(html);
      if (fast === null) continue;
      expect(fast, html).toBe(convertHtml(html));
      compared++;
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
