import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { cssSubset, FIRST_SCREEN_PREFIXES, onFirstScreen } from '../../../../renderer/build/first-screen-css.ts';

/**
 * The build's first-screen part of antd's stylesheet: the same rules in the same order, minus those that can only
 * style components the first screen does not show.
 */

const keepTable = (cls: string) => onFirstScreen(cls, ['table', 'btn']);

describe('first-screen CSS subset', () => {
  it('knows a component by its class prefix, not by a longer name that starts the same', () => {
    assert.ok(onFirstScreen('ant-segmented'));
    assert.ok(onFirstScreen('ant-segmented-item-selected'));
    assert.ok(onFirstScreen('ant-btn-color-primary'));
    assert.ok(!onFirstScreen('ant-pagination-item'));
    assert.ok(!onFirstScreen('ant-table-cell')); // the awaiting list is not antd's Table (AwaitingList.tsx)
    assert.ok(onFirstScreen('ant-table-cell', ['table']));
    assert.ok(!onFirstScreen('ant-tablex', ['table']));
    assert.ok(!onFirstScreen('ant-form-item'));
    assert.ok((FIRST_SCREEN_PREFIXES as readonly string[]).includes('segmented'));
  });

  it('drops rules that need another component, keeps shared and global ones, in their order', () => {
    const css =
      '.ant-table{a:1}.ant-form{b:2}.ant-table .ant-form-item{c:3}.ant-form,.ant-btn{d:4}html{e:5}' +
      '.ant-btn:not(.ant-form-x){f:6}.x:where(.ant-modal){g:7}';
    assert.equal(
      cssSubset(css, keepTable),
      '.ant-table{a:1}.ant-form,.ant-btn{d:4}html{e:5}.ant-btn:not(.ant-form-x){f:6}.x:where(.ant-modal){g:7}',
    );
  });

  it('filters inside @media and @supports, drops them when emptied, keeps @keyframes whole', () => {
    const css =
      '@media (max-width:575px){.ant-table{a:1}.ant-form{b:2}}@media print{.ant-form{c:3}}' +
      '@keyframes spin{0%{t:0}to{t:1}}@supports (gap:1px){.ant-modal{d:4}}';
    assert.equal(cssSubset(css, keepTable), '@media (max-width:575px){.ant-table{a:1}}@keyframes spin{0%{t:0}to{t:1}}');
  });

  it('is not fooled by braces and commas inside strings or comments', () => {
    const css = '/* .ant-form { */.ant-table::after{content:"}{,.ant-form"}.ant-form[title="a,b"]{x:1}';
    assert.equal(cssSubset(css, keepTable), '.ant-table::after{content:"}{,.ant-form"}');
  });

  it('returns antd’s stylesheet unchanged when it keeps everything, and much less for the first screen', () => {
    const file = createRequire(import.meta.url).resolve('antd/dist/antd.css');
    const css = readFileSync(file, 'utf8');
    assert.equal(
      cssSubset(css, () => true),
      css,
    );
    const first = cssSubset(css, (c) => onFirstScreen(c));
    assert.ok(first.length < css.length * 0.5, `${first.length} of ${css.length}`);
    assert.match(first, /\.ant-segmented-item/);
    assert.match(first, /\.ant-descriptions-item-label/);
    assert.doesNotMatch(first, /\.ant-picker-panel/);
    assert.doesNotMatch(first, /\.ant-table-cell/);
  });
});
