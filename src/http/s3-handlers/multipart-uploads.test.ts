import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { readXmlBody } from '../parsing/read-xml-body.js';
import { S3Error } from '../../s3/s3-errors.js';
import { parseCompletionBody } from './multipart-uploads.js';

async function parse(xml: string) {
  return parseCompletionBody(await readXmlBody(Readable.from([Buffer.from(xml)])));
}

async function assertCode(xml: string, code: string): Promise<void> {
  await assert.rejects(parse(xml), (error: unknown) => error instanceof S3Error && error.code === code);
}

describe('parseCompletionBody', () => {
  it('reads every part in document order', async () => {
    const parts = await parse(
      '<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        '<Part><ETag>"a"</ETag><PartNumber>1</PartNumber><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part>' +
        '<Part><PartNumber>3</PartNumber><ETag>b</ETag></Part>' +
        '</CompleteMultipartUpload>',
    );
    assert.deepEqual(parts, [
      { partNumber: 1, etag: '"a"' },
      { partNumber: 3, etag: 'b' },
    ]);
  });

  it('reads a single part', async () => {
    assert.deepEqual(await parse('<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>'), [
      { partNumber: 2, etag: 'x' },
    ]);
  });

  it('rejects an empty body, no parts, another root and incomplete parts', async () => {
    await assertCode('', 'MalformedXML');
    await assertCode('<CompleteMultipartUpload></CompleteMultipartUpload>', 'MalformedXML');
    await assertCode('<Other><Part><PartNumber>1</PartNumber><ETag>x</ETag></Part></Other>', 'MalformedXML');
    await assertCode('<CompleteMultipartUpload><Part><ETag>x</ETag></Part></CompleteMultipartUpload>', 'MalformedXML');
    await assertCode('<CompleteMultipartUpload><Part><PartNumber>one</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>', 'MalformedXML');
  });

  it('rejects part numbers outside 1 to 10000', async () => {
    await assertCode('<CompleteMultipartUpload><Part><PartNumber>0</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>', 'InvalidArgument');
    await assertCode('<CompleteMultipartUpload><Part><PartNumber>10001</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>', 'InvalidArgument');
  });
});
