/**
 * Forward migrations of the history database, numbered by position: migrations[0] takes
 * `user_version` 0 to 1, and so on. Never edit one that has shipped; append a new one.
 */
import type { DatabaseSync } from 'node:sqlite'

export const migrations: Array<(db: DatabaseSync) => void> = [
  // 1: conversations, messages as a tree (parent ids: regenerated replies and edited turns are
  // siblings), the selected path as its leaf, and a trigram full-text index of message text.
  (db) =>
    db.exec(`
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        -- Hidden from the moment it is deleted; rows go when a later session opens the store.
        deleted_at INTEGER,
        -- The last message of the selected path (the versions the user is looking at).
        leaf_id TEXT,
        -- Messages on the selected path: the leaf's depth.
        path_length INTEGER NOT NULL DEFAULT 0,
        -- Bumped by every write to the conversation, so a process can tell it changed.
        revision INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX conversations_recent ON conversations (updated_at DESC) WHERE deleted_at IS NULL;

      CREATE TABLE messages (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        parent_id TEXT REFERENCES messages (id) ON DELETE CASCADE,
        depth INTEGER NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
        text TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('done', 'streaming', 'stopped', 'failed')),
        error TEXT,
        created_at INTEGER NOT NULL,
        -- Files attached to a user message (JSON), and their names and text, for search.
        attachments TEXT,
        attachments_text TEXT,
        -- While streaming: which process writes it, and when it last did (ms). A reply whose writer
        -- is gone is marked stopped by the next process that opens the store.
        stream_owner TEXT,
        stream_beat INTEGER
      );
      CREATE INDEX messages_children ON messages (conversation_id, parent_id);
      CREATE INDEX messages_streaming ON messages (conversation_id) WHERE status = 'streaming';

      CREATE VIRTUAL TABLE messages_fts USING fts5 (text, attachments_text, content = 'messages', content_rowid = 'seq', tokenize = 'trigram');
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, text, attachments_text) VALUES (new.seq, new.text, new.attachments_text);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text, attachments_text) VALUES ('delete', old.seq, old.text, old.attachments_text);
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, attachments_text ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text, attachments_text) VALUES ('delete', old.seq, old.text, old.attachments_text);
        INSERT INTO messages_fts (rowid, text, attachments_text) VALUES (new.seq, new.text, new.attachments_text);
      END;

      -- Small facts about the store itself (the 0.1 import's progress).
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `),
  // 2: pinned conversations stay at the top of the sidebar (issue 17 item 8). A pin is not a
  // change to the conversation's content: it moves neither updated_at nor its place in time.
  (db) => db.exec('ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0'),
  // 3: one- and two-character search (회의, 결재), which trigrams cannot answer: every message's
  // distinct character pairs (and each word's last character) as words of a second, contentless
  // index, kept by triggers through short_grams() (registered by db.ts on every connection).
  // Deleting a message by parent finds its children through their own index.
  (db) =>
    db.exec(`
      CREATE INDEX messages_parent ON messages (parent_id);
      CREATE VIRTUAL TABLE messages_short USING fts5 (grams, content = '', contentless_delete = 1);
      CREATE TRIGGER messages_short_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_short (rowid, grams) VALUES (new.seq, short_grams(new.text, new.attachments_text));
      END;
      CREATE TRIGGER messages_short_delete AFTER DELETE ON messages BEGIN
        DELETE FROM messages_short WHERE rowid = old.seq;
      END;
      CREATE TRIGGER messages_short_update AFTER UPDATE OF text, attachments_text ON messages BEGIN
        DELETE FROM messages_short WHERE rowid = old.seq;
        INSERT INTO messages_short (rowid, grams) VALUES (new.seq, short_grams(new.text, new.attachments_text));
      END;
      INSERT INTO messages_short (rowid, grams) SELECT seq, short_grams(text, attachments_text) FROM messages;
    `)
]
