#!/usr/bin/env node
/**
 * @module Composition root: configuration, stores, services, listener.
 */
import type { AddressInfo } from 'node:net';
import { loadServerConfig, ConfigError } from './config/config.js';
import { createLogger } from './observability/logger.js';
import { openDataDirectory } from './storage/data-directory.js';
import { bootstrapRootIdentity } from './identity/bootstrap-root-identity.js';
import { announceRootCredentials } from './identity/announce-root-credentials.js';
import { KmsService } from './kms/kms-service.js';
import { createS3DataKeyProvider } from './kms/s3-data-key-provider.js';
import { S3Service } from './s3/s3-service.js';
import { LocalDiskBlobStore } from './storage/blobs/local-disk/local-disk-blob-store.js';
import { createListener } from './http/listener.js';

async function main(): Promise<void> {
  const config = loadServerConfig(process.argv.slice(2), process.env);
  const log = createLogger();

  // Stores: the data folder contains the root key, the SQLite metadata and the blobs.
  const data = await openDataDirectory(config.dataDirectory);
  const root = await bootstrapRootIdentity({
    identityStore: data.identityStore,
    accountId: config.accountId,
    credentials: config.rootCredentials,
    credentialsPath: data.rootCredentialsPath,
  });
  announceRootCredentials(root, data.rootCredentialsPath, config.region, process.stdout);

  // Services: S3 reaches KMS only through the data-key provider.
  const kms = new KmsService({ database: data.database, rootKeystore: data.rootKeystore, region: config.region });
  const blobs = await LocalDiskBlobStore.open(data.objectsPath);
  const s3 = new S3Service({
    database: data.database,
    blobs,
    dataKeys: createS3DataKeyProvider(kms),
    rootKeystore: data.rootKeystore,
    region: config.region,
  });
  // A crash can leave blobs that no object references. They are queued in the
  // database, so delete them before serving.
  const orphanBlobs = await s3.deleteOrphanBlobs();
  if (orphanBlobs > 0) {
    log.info({ count: orphanBlobs }, 'Deleted object data left by an interrupted write');
  }

  const server = createListener({
    log,
    region: config.region,
    virtualHostSuffixes: config.virtualHostSuffixes,
    lookupCredential: data.identityStore.lookupCredential,
    kms,
    s3,
    bodyIdleTimeoutMs: config.idleTimeoutSeconds * 1000,
  });

  server.listen(config.listenPort, config.listenHost, () => {
    const address = server.address() as AddressInfo;
    log.info(
      { address: address.address, port: address.port, region: config.region, accountId: root.accountId, dataDirectory: data.path, rootAccessKeyId: root.credentials.accessKeyId },
      'Strongroom listening',
    );
  });

  const shutdown = (signal: string): void => {
    log.info({ signal }, 'Strongroom stopping');
    server.close(() => {
      data.database.close();
      process.exit(0);
    });
    server.closeAllConnections();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`strongroom: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`strongroom: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
