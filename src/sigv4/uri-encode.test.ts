import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { percentDecode } from './percent-decode.js';
import { uriEncode } from './uri-encode.js';

describe('uriEncode', () => {
  it('keeps unreserved characters', () => {
    const unreserved = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
    assert.equal(uriEncode(unreserved), unreserved);
  });

  it('encodes reserved characters with uppercase hex', () => {
    assert.equal(uriEncode(" +*!'()=&/?#%"), '%20%2B%2A%21%27%28%29%3D%26%2F%3F%23%25');
  });

  it('keeps slashes only when asked', () => {
    assert.equal(uriEncode('a/b'), 'a%2Fb');
    assert.equal(uriEncode('a/b', { keepSlash: true }), 'a/b');
  });

  it('encodes each UTF-8 byte', () => {
    assert.equal(uriEncode('café ✓'), 'caf%C3%A9%20%E2%9C%93');
    assert.equal(uriEncode('😀'), '%F0%9F%98%80');
  });

  it('encodes bytes that are not UTF-8', () => {
    assert.equal(uriEncode(Uint8Array.of(0xff, 0x41)), '%FFA');
  });
});

describe('percentDecode', () => {
  const decodeToText = (text: string, plusAsSpace = false): string =>
    new TextDecoder().decode(percentDecode(text, { plusAsSpace }));

  it('decodes escapes of either case', () => {
    assert.equal(decodeToText('caf%C3%A9%2b%2B'), 'café++');
  });

  it('reads a raw plus as a space only when asked', () => {
    assert.equal(decodeToText('a+b'), 'a+b');
    assert.equal(decodeToText('a+b', true), 'a b');
  });

  it('keeps a percent sign that starts no escape', () => {
    assert.equal(decodeToText('100%'), '100%');
    assert.equal(decodeToText('%zz%4'), '%zz%4');
  });
});
