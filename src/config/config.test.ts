import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadServerConfig, parseListenAddress, ConfigError } from './config.js';

test('defaults need no configuration', () => {
  const config = loadServerConfig([], {});

  assert.equal(config.listenHost, '127.0.0.1');
  assert.equal(config.listenPort, 9000);
  assert.equal(config.region, 'us-east-1');
  assert.equal(config.dataDirectory, './data');
  assert.equal(config.accountId, undefined);
  assert.equal(config.rootCredentials, undefined);
  assert.deepEqual(config.virtualHostSuffixes, ['localhost']);
});

test('environment variables set each option', () => {
  const config = loadServerConfig([], {
    STRONGROOM_LISTEN: '[::1]:9100',
    STRONGROOM_REGION: 'eu-west-3',
    STRONGROOM_DATA_DIR: '/tmp/x',
    STRONGROOM_ACCOUNT_ID: '111122223333',
    STRONGROOM_ROOT_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE01',
    STRONGROOM_ROOT_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  });

  assert.equal(config.listenHost, '::1');
  assert.equal(config.listenPort, 9100);
  assert.equal(config.region, 'eu-west-3');
  assert.equal(config.dataDirectory, '/tmp/x');
  assert.equal(config.accountId, '111122223333');
  assert.equal(config.rootCredentials?.accessKeyId, 'AKIAEXAMPLEEXAMPLE01');
});

test('command-line options win over the environment', () => {
  const config = loadServerConfig(['--listen', '127.0.0.1:0', '--region', 'us-west-2'], { STRONGROOM_LISTEN: '127.0.0.1:9000' });

  assert.equal(config.listenPort, 0);
  assert.equal(config.region, 'us-west-2');
});

test('invalid values are rejected', () => {
  assert.throws(() => loadServerConfig([], { STRONGROOM_ACCOUNT_ID: '1234' }), ConfigError);
  assert.throws(() => loadServerConfig([], { STRONGROOM_REGION: 'nowhere' }), ConfigError);
  assert.throws(() => loadServerConfig([], { STRONGROOM_ROOT_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE01' }), /or neither/);
  assert.throws(() => parseListenAddress('9000'), ConfigError);
  assert.throws(() => parseListenAddress('127.0.0.1:70000'), ConfigError);
});

test('listen address forms', () => {
  assert.deepEqual(parseListenAddress('0.0.0.0:80'), { host: '0.0.0.0', port: 80 });
  assert.deepEqual(parseListenAddress('[::1]:9000'), { host: '::1', port: 9000 });
  assert.deepEqual(parseListenAddress(':9000'), { host: '127.0.0.1', port: 9000 });
});

test('idle timeout defaults to 60 seconds', () => {
  assert.equal(loadServerConfig([], {}).idleTimeoutSeconds, 60);
});

test('idle timeout comes from the environment or option', () => {
  assert.equal(loadServerConfig([], { STRONGROOM_IDLE_TIMEOUT_SECONDS: '2.5' }).idleTimeoutSeconds, 2.5);
  assert.equal(loadServerConfig(['--idle-timeout-seconds', '20'], { STRONGROOM_IDLE_TIMEOUT_SECONDS: '5' }).idleTimeoutSeconds, 20);
});

test('idle timeout rejects invalid values', () => {
  for (const value of ['0', '-1', 'abc', '1e3', '', '86401']) {
    assert.throws(() => loadServerConfig([], { STRONGROOM_IDLE_TIMEOUT_SECONDS: value }), ConfigError, `value '${value}'`);
  }
});
