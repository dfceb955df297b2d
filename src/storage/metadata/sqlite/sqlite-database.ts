/**
 * @module SQLite metadata database: opening, durability settings and migrations.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.js';

export type SqliteDatabase = Database.Database;

/**
 * Opens (creating if needed) the metadata database at `path` and applies every
 * migration it has not seen. `:memory:` gives a throwaway database for tests.
 */
export function openSqliteDatabase(path: string): SqliteDatabase {
  const database = new Database(path);

  // WAL lets admin commands read and write while the server runs; FULL makes
  // every committed transaction durable against power loss, not only crashes.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');

  applyMigrations(database);
  return database;
}

function applyMigrations(database: SqliteDatabase): void {
  database.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');

  const applied = new Set(
    database.prepare('SELECT version FROM schema_migrations').all().map((row) => (row as { version: number }).version),
  );

  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) {
      continue;
    }

    // BEGIN IMMEDIATE takes the write lock first, so two processes starting at
    // once cannot both apply the same migration.
    database.transaction(() => {
      const again = database.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(migration.version);
      if (again) {
        return;
      }
      database.exec(migration.sql);
      database
        .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
        .run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
  }
}
