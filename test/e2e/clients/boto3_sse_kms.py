"""Drives Strongroom with Debian's boto3: a KMS key, a bucket and an SSE-KMS object.

Reads the endpoint and credentials from the environment and prints one JSON
object with what it observed; the Node test that runs it makes the checks.
"""
import json
import os
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def main():
    session = boto3.session.Session(
        aws_access_key_id=os.environ["STRONGROOM_TEST_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["STRONGROOM_TEST_SECRET_ACCESS_KEY"],
        region_name=os.environ["STRONGROOM_TEST_REGION"],
    )
    endpoint = os.environ["STRONGROOM_TEST_ENDPOINT"]
    config = Config(signature_version="s3v4", s3={"addressing_style": "path"})
    kms = session.client("kms", endpoint_url=endpoint, config=config)
    s3 = session.client("s3", endpoint_url=endpoint, config=config)

    key = kms.create_key(Description="boto3 key")["KeyMetadata"]
    kms.create_alias(AliasName="alias/boto3", TargetKeyId=key["Arn"])
    s3.create_bucket(Bucket="boto3-bucket")

    body = os.urandom(200_000)
    put = s3.put_object(
        Bucket="boto3-bucket",
        Key="nested/boto3 object.bin",
        Body=body,
        ServerSideEncryption="aws:kms",
        SSEKMSKeyId="alias/boto3",
        Metadata={"origin": "boto3"},
    )
    get = s3.get_object(Bucket="boto3-bucket", Key="nested/boto3 object.bin")
    downloaded = get["Body"].read()

    try:
        s3.put_object(
            Bucket="boto3-bucket",
            Key="missing-key.bin",
            Body=b"x",
            ServerSideEncryption="aws:kms",
            SSEKMSKeyId="alias/missing",
        )
        missing_key_error = None
    except ClientError as error:
        missing_key_error = {
            "code": error.response["Error"]["Code"],
            "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
        }

    listed = s3.list_objects_v2(Bucket="boto3-bucket", Prefix="nested/")
    encrypted = kms.encrypt(KeyId="alias/boto3", Plaintext=b"hello", EncryptionContext={"purpose": "test"})
    decrypted = kms.decrypt(CiphertextBlob=encrypted["CiphertextBlob"], EncryptionContext={"purpose": "test"})

    json.dump(
        {
            "keyArn": key["Arn"],
            "putEncryption": put.get("ServerSideEncryption"),
            "putKeyId": put.get("SSEKMSKeyId"),
            "getEncryption": get.get("ServerSideEncryption"),
            "getKeyId": get.get("SSEKMSKeyId"),
            "metadata": get.get("Metadata"),
            "identical": downloaded == body,
            "missingKeyError": missing_key_error,
            "listedKeys": [entry["Key"] for entry in listed.get("Contents", [])],
            "encryptKeyId": encrypted["KeyId"],
            "decryptKeyId": decrypted["KeyId"],
            "decryptedText": decrypted["Plaintext"].decode("utf-8"),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
