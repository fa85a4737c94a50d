-- OpenRSM schema, version 1. Every object has a row in `objects` (the fields all types share) and one
-- in the table of its type. Ids are 16-byte GUID blobs; times are Unix milliseconds.

CREATE TABLE objects (
    id          BLOB PRIMARY KEY,
    type        INTEGER NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created     INTEGER NOT NULL,
    modified    INTEGER NOT NULL,
    enabled     INTEGER NOT NULL DEFAULT 1,
    state       INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX objects_by_type_name ON objects(type, name);

CREATE TABLE attributes (
    object BLOB NOT NULL REFERENCES objects(id) ON DELETE CASCADE,
    name   TEXT NOT NULL,
    value  BLOB NOT NULL,
    PRIMARY KEY (object, name)
) WITHOUT ROWID;

CREATE TABLE computers (
    id                       BLOB PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
    librequest_purge_seconds INTEGER NOT NULL,
    oprequest_purge_seconds  INTEGER NOT NULL
);

CREATE TABLE libraries (
    id                BLOB PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
    library_type      INTEGER NOT NULL,
    cleaner_slot      BLOB,
    cleaner_uses_left INTEGER,
    barcode_reader    INTEGER NOT NULL,
    inventory_method  INTEGER NOT NULL,
    auto_recovery     INTEGER NOT NULL,
    driver            TEXT
);

CREATE TABLE device_types (
    id          BLOB PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
    vendor      TEXT NOT NULL,
    product     TEXT NOT NULL,
    device_type INTEGER NOT NULL
);

CREATE TABLE changers (
    id           BLOB PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
    library      BLOB NOT NULL REFERENCES libraries(id),
    changer_type BLOB REFERENCES device_types(id),
    device_path  TEXT,
    serial       TEXT
);
CREATE INDEX changers_by_library ON changers(library);

CREATE TABLE drives (
    id                        BLOB PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
    library                   BLOB NOT NULL REFERENCES libraries(id),
    number                    INTEGER NOT NULL,
    drive_state               INTEGER NOT NULL,
    drive_type                BLOB REFERENCES device_types(id),
    device_path               TEXT,
    serial                    TEXT,
    mount_count               INTEGER NOT NULL DEFAULT 0,
    last_cleaned              INTEGER,
    deferred_dismount_seconds INTEGER NOT NULL,
    media                     BLOB
);
CREATE INDEX drives_by_library ON drives(library, number);

CREATE TABLE slots (
    id         BLOB PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
    library    BLOB NOT NULL REFERENCES libraries(id),
    number     INTEGER NOT NULL,
    slot_state INTEGER NOT NULL,
    media      BLOB
);
CREATE INDEX slots_by_library ON slots(library, number);

CREATE TABLE iedoors (
    id               BLOB PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
    library          BLOB NOT NULL REFERENCES libraries(id),
    door_state       INTEGER NOT NULL,
    max_open_seconds INTEGER NOT NULL
);
CREATE INDEX iedoors_by_library ON iedoors(library);

CREATE TABLE ieports (
    id                 BLOB PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
    library            BLOB NOT NULL REFERENCES libraries(id),
    number             INTEGER NOT NULL,
    content            INTEGER NOT NULL,
    position           INTEGER NOT NULL,
    max_extend_seconds INTEGER NOT NULL,
    media              BLOB
);
CREATE INDEX ieports_by_library ON ieports(library, number);

CREATE TABLE media_types (
    id         BLOB PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
    sides      INTEGER NOT NULL,
    read_write INTEGER NOT NULL
);

CREATE TABLE media_pools (
    id              BLOB PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
    kind            INTEGER NOT NULL,
    media_type      BLOB REFERENCES media_types(id),
    parent          BLOB REFERENCES media_pools(id),
    draw_from_free  INTEGER NOT NULL,
    return_to_free  INTEGER NOT NULL,
    max_allocations INTEGER NOT NULL
);
CREATE INDEX media_pools_by_parent ON media_pools(parent);

CREATE TABLE physical_media (
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
);
CREATE INDEX physical_media_by_pool ON physical_media(pool);
CREATE INDEX physical_media_by_library ON physical_media(library);
CREATE INDEX physical_media_by_barcode ON physical_media(barcode);

CREATE TABLE partitions (
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
);
CREATE INDEX partitions_by_media ON partitions(physical_media, side);

CREATE TABLE logical_media (
    id             BLOB PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
    partition      BLOB NOT NULL REFERENCES partitions(id),
    physical_media BLOB NOT NULL REFERENCES physical_media(id),
    pool           BLOB NOT NULL REFERENCES media_pools(id)
);
CREATE INDEX logical_media_by_pool ON logical_media(pool);

CREATE TABLE lib_requests (
    id            BLOB PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
    arrival       INTEGER NOT NULL,
    operation     INTEGER NOT NULL,
    request_state INTEGER NOT NULL,
    priority      INTEGER NOT NULL,
    library       BLOB,
    drive         BLOB,
    media         BLOB,
    submitted     INTEGER NOT NULL,
    started       INTEGER,
    completed     INTEGER,
    application   TEXT NOT NULL,
    user          TEXT NOT NULL,
    error_code    INTEGER,
    error_message TEXT
);
CREATE INDEX lib_requests_by_library ON lib_requests(library, request_state);

CREATE TABLE op_requests (
    id            BLOB PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
    kind          INTEGER NOT NULL,
    request_state INTEGER NOT NULL,
    message       TEXT NOT NULL,
    arguments     TEXT NOT NULL,
    submitted     INTEGER NOT NULL,
    application   TEXT NOT NULL,
    user          TEXT NOT NULL
);
