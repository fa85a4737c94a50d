-- OpenRSM schema, version 2. The tables that grow with the number of media are stored by id,
-- like `objects`, instead of by rowid: reading them in id order then finds the matching `objects`
-- rows in the same order, which makes a full enumeration about three times cheaper, and each
-- table loses the separate index its id needed. Rebuilt with SQLite's procedure for changing a
-- table: create, copy, drop, rename (run with foreign keys off, checked before commit).

CREATE TABLE physical_media_v2 (
    id            BLOB PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
    library       BLOB REFERENCES libraries(id),
    location_kind INTEGER NOT NULL,
    location      BLOB,
    home_slot     BLOB,
    media_type    BLOB NOT NULL REFERENCES media_types(id),
    pool          BLOB NOT NULL REFERENCES media_pools(id),
    barcode       TEXT,
    barcode_state INTEGER NOT NULL,
    media_state   INTEGER NOT NULL,
    sides         INTEGER NOT NULL,
    mounted_side  BLOB
) WITHOUT ROWID;
INSERT INTO physical_media_v2 SELECT id, library, location_kind, location, home_slot, media_type, pool,
    barcode, barcode_state, media_state, sides, mounted_side FROM physical_media;
DROP TABLE physical_media;
ALTER TABLE physical_media_v2 RENAME TO physical_media;
CREATE INDEX physical_media_by_pool ON physical_media(pool);
CREATE INDEX physical_media_by_library ON physical_media(library);
CREATE INDEX physical_media_by_barcode ON physical_media(barcode);

CREATE TABLE partitions_v2 (
    id               BLOB PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
    physical_media   BLOB NOT NULL REFERENCES physical_media(id) ON DELETE CASCADE,
    side             INTEGER NOT NULL,
    partition_state  INTEGER NOT NULL,
    omid_label_type  TEXT,
    omid_label_id    TEXT,
    omid_application TEXT,
    capacity         INTEGER NOT NULL DEFAULT 0,
    mount_count      INTEGER NOT NULL DEFAULT 0,
    allocation_count INTEGER NOT NULL DEFAULT 0,
    logical_media    BLOB
) WITHOUT ROWID;
INSERT INTO partitions_v2 SELECT id, physical_media, side, partition_state, omid_label_type, omid_label_id,
    omid_application, capacity, mount_count, allocation_count, logical_media FROM partitions;
DROP TABLE partitions;
ALTER TABLE partitions_v2 RENAME TO partitions;
CREATE INDEX partitions_by_media ON partitions(physical_media, side);

CREATE TABLE logical_media_v2 (
    id             BLOB PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
    partition      BLOB NOT NULL REFERENCES partitions(id),
    physical_media BLOB NOT NULL REFERENCES physical_media(id),
    pool           BLOB NOT NULL REFERENCES media_pools(id)
) WITHOUT ROWID;
INSERT INTO logical_media_v2 SELECT id, partition, physical_media, pool FROM logical_media;
DROP TABLE logical_media;
ALTER TABLE logical_media_v2 RENAME TO logical_media;
CREATE INDEX logical_media_by_pool ON logical_media(pool);
