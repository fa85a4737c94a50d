-- OpenRSM schema, version 2: library control. Element addresses of drives, slots and IE ports (their
-- SCSI SMC addresses in the changer), progress of library requests, and an arrival order that a new
-- library request gets by itself (its rowid) and that Get/SetNtmsRequestOrder can change.

ALTER TABLE drives ADD COLUMN element_address INTEGER;
ALTER TABLE slots ADD COLUMN element_address INTEGER;
ALTER TABLE ieports ADD COLUMN element_address INTEGER;
CREATE INDEX slots_by_address ON slots(library, element_address);
CREATE INDEX physical_media_by_location ON physical_media(location);

CREATE TABLE lib_requests_v2 (
    id             BLOB PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
    arrival        INTEGER NOT NULL DEFAULT 0,
    operation      INTEGER NOT NULL,
    request_state  INTEGER NOT NULL,
    priority       INTEGER NOT NULL,
    library        BLOB,
    drive          BLOB,
    media          BLOB,
    submitted      INTEGER NOT NULL,
    started        INTEGER,
    completed      INTEGER,
    application    TEXT NOT NULL,
    user           TEXT NOT NULL,
    error_code     INTEGER,
    error_message  TEXT,
    progress_done  INTEGER NOT NULL DEFAULT 0,
    progress_total INTEGER NOT NULL DEFAULT 0
);
INSERT INTO lib_requests_v2 (id, arrival, operation, request_state, priority, library, drive, media, submitted,
                             started, completed, application, user, error_code, error_message)
    SELECT id, arrival, operation, request_state, priority, library, drive, media, submitted,
           started, completed, application, user, error_code, error_message FROM lib_requests;
DROP TABLE lib_requests;
ALTER TABLE lib_requests_v2 RENAME TO lib_requests;
CREATE INDEX lib_requests_by_library ON lib_requests(library, request_state);

CREATE TRIGGER lib_requests_arrival AFTER INSERT ON lib_requests WHEN NEW.arrival = 0
BEGIN
    UPDATE lib_requests SET arrival = NEW.rowid WHERE rowid = NEW.rowid;
END;
