#!/usr/bin/python3
"""A umockdev testbed for OpenRSM's device detection.

Run as `umockdev-wrapper python3 testbed.py PROBE HOME`: builds a fake device tree (a tape drive,
a changer, a removable CD-ROM and their SCSI parents), starts PROBE (the `device_probe` example)
under umockdev-wrapper, waits for it to say it is ready, plays live uevents, then closes the
probe's standard input and copies every line it printed to standard output, followed by a line
{"kind": "script", "steps": [...]} naming what was played.

One probe per testbed: umockdev binds each fake netlink socket to $UMOCKDEV_DIR/event<fd>, so two
monitoring processes could collide.
"""
import json
import os
import subprocess
import sys
import threading
import time

import gi

gi.require_version('UMockdev', '1.0')
from gi.repository import UMockdev  # noqa: E402

BURST = int(os.environ.get('OPENRSM_UMOCKDEV_BURST', '300'))

probe, home = sys.argv[1], sys.argv[2]
tb = UMockdev.Testbed.new()
os.environ['UMOCKDEV_DIR'] = tb.get_root_dir()


def scsi(hctl, scsi_type, vendor, model, extra=()):
    return tb.add_device('scsi', hctl, None,
                         ['type', str(scsi_type), 'vendor', vendor, 'model', model, 'rev', '0001', *extra],
                         ['DEVTYPE', 'scsi_device'])


tape = scsi('0:0:0:0', 1, 'IBM', 'ULT3580-TD5')
changer = scsi('0:0:1:0', 8, 'IBM', '3573-TL', ['wwid', 'naa.5000e11156304001'])
cdrom = scsi('1:0:0:0', 5, 'HL-DT-ST', 'DVDRAM GH24NSD1')
usb = scsi('2:0:0:0', 0, 'SanDisk', 'Cruzer')
st0 = tb.add_device('scsi_tape', 'st0', tape, ['dev', '9:0'],
                    ['DEVNAME', '/dev/st0', 'MAJOR', '9', 'MINOR', '0', 'ID_SCSI_SERIAL', '1013000001'])
sch0 = tb.add_device('scsi_changer', 'sch0', changer, ['dev', '86:0'],
                     ['DEVNAME', '/dev/sch0', 'MAJOR', '86', 'MINOR', '0'])
sr0 = tb.add_device('block', 'sr0', cdrom,
                    ['removable', '1', 'size', '0', 'dev', '11:0', 'events', 'media_change eject_request'],
                    ['DEVNAME', '/dev/sr0', 'DEVTYPE', 'disk', 'MAJOR', '11', 'MINOR', '0', 'ID_CDROM', '1',
                     'ID_SERIAL_SHORT', 'K1234567'])

proc = subprocess.Popen(['umockdev-wrapper', probe, home], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
lines = []
ready = threading.Event()


def reader():
    for line in proc.stdout:
        lines.append(line.rstrip('\n'))
        if '"kind":"ready"' in line:
            ready.set()
    ready.set()


thread = threading.Thread(target=reader, daemon=True)
thread.start()
if not ready.wait(60):
    proc.kill()
    sys.exit('the probe never became ready')
steps = []

# 1. A disc goes into the CD-ROM drive: written content, so it is not blank.
with open(os.path.join(tb.get_root_dir(), 'dev', 'sr0'), 'wb') as f:
    f.write(b'\x01OpenRSM test disc' + bytes(4096))
tb.set_property(sr0, 'DISK_MEDIA_CHANGE', '1')
tb.set_property(sr0, 'ID_CDROM_MEDIA', '1')
tb.set_attribute(sr0, 'size', '1376256')
tb.uevent(sr0, 'change')
steps.append('disc_inserted')

# 2. A USB stick is plugged in, blank (all zero bytes).
sdb = tb.add_device('block', 'sdb', usb, ['removable', '1', 'size', '2048', 'dev', '8:16'],
                    ['DEVNAME', '/dev/sdb', 'DEVTYPE', 'disk', 'MAJOR', '8', 'MINOR', '16',
                     'ID_SERIAL_SHORT', '4C530001', 'ID_VENDOR', 'SanDisk', 'ID_MODEL', 'Cruzer'])
with open(os.path.join(tb.get_root_dir(), 'dev', 'sdb'), 'wb') as f:
    f.write(bytes(1024 * 1024))
steps.append('stick_added')

# 3. A burst of change events on the tape drive: none may be lost, the monitor must live on.
# umockdev's fake netlink is a unix datagram socket whose queue holds only a few messages (and
# umockdev aborts when it is full), so the burst is sent in small groups.
for i in range(BURST):
    tb.uevent(st0, 'change')
    if i % 4 == 3:
        time.sleep(0.004)
steps.append('burst')

# 4. The changer is unplugged.
tb.uevent(sch0, 'remove')
tb.remove_device(sch0)
steps.append('changer_removed')

# 5. The tape drive comes back under another kernel name (same serial number).
tb.uevent(st0, 'remove')
tb.remove_device(st0)
tb.add_device('scsi_tape', 'st3', tape, ['dev', '9:3'],
              ['DEVNAME', '/dev/st3', 'MAJOR', '9', 'MINOR', '3', 'ID_SCSI_SERIAL', '1013000001'])
steps.append('tape_replugged')

time.sleep(1.0)
# 6. The disc is taken out.
tb.set_property(sr0, 'ID_CDROM_MEDIA', '0')
tb.set_attribute(sr0, 'size', '0')
tb.uevent(sr0, 'change')
steps.append('disc_removed')

time.sleep(1.5)
proc.stdin.close()
try:
    rc = proc.wait(timeout=60)
except subprocess.TimeoutExpired:
    proc.kill()
    rc = -9
thread.join(5)
for line in lines:
    print(line)
print(json.dumps({'kind': 'script', 'steps': steps, 'burst': BURST, 'probe_exit': rc}))
sys.exit(0 if rc == 0 else 1)
