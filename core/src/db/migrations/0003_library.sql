-- OpenRSM schema, version 3: library control. Element addresses of drives, slots and IE ports (their
-- SCSI SMC addresses in the changer), and the progress of library requests.

ALTER TABLE drives ADD COLUMN element_address INTEGER;
ALTER TABLE slots ADD COLUMN element_address INTEGER;
ALTER TABLE ieports ADD COLUMN element_address INTEGER;
CREATE INDEX slots_by_address ON slots(library, element_address);
CREATE INDEX physical_media_by_location ON physical_media(location);

ALTER TABLE lib_requests ADD COLUMN progress_done INTEGER NOT NULL DEFAULT 0;
ALTER TABLE lib_requests ADD COLUMN progress_total INTEGER NOT NULL DEFAULT 0;
