import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { S3Error } from '../../s3/s3-errors.js';
import { readXmlBody, requireXmlRoot } from './read-xml-body.js';

const isS3Error = (code: string) => (error: unknown) => error instanceof S3Error && error.code === code;

describe('readXmlBody', () => {
  it('parses a CreateBucketConfiguration', async () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>';

    const document = await readXmlBody(Readable.from([Buffer.from(xml)]));

    assert.deepEqual(requireXmlRoot(document!, 'CreateBucketConfiguration'), { LocationConstraint: 'eu-west-1' });
  });

  it('returns undefined for an empty body', async () => {
    assert.equal(await readXmlBody(Readable.from([])), undefined);
  });

  it('rejects malformed XML', async () => {
    await assert.rejects(readXmlBody(Readable.from([Buffer.from('<a><b></a>')])), isS3Error('MalformedXML'));
  });

  it('rejects an oversized body', async () => {
    await assert.rejects(readXmlBody(Readable.from([Buffer.alloc(20, 0x20)]), 10), isS3Error('MaxMessageLengthExceeded'));
  });

  it('rejects a wrong root element', () => {
    assert.throws(() => requireXmlRoot({ Other: {} }, 'CreateBucketConfiguration'), isS3Error('MalformedXML'));
  });

  it('passes body errors through', async () => {
    const failing = Readable.from(
      (async function* () {
        yield Buffer.from('<a>');
        throw new Error('signature mismatch');
      })(),
    );

    await assert.rejects(readXmlBody(failing), /signature mismatch/);
  });
});
