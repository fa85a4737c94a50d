#!/usr/bin/env bash
# A virtual tape library served by tgt (the Linux SCSI target framework) over iSCSI on loopback.
#
#   scripts/tgt-vtl.sh start DIR [--drives N] [--slots M] [--media K] [--ieports P] [--port PORT]
#   scripts/tgt-vtl.sh stop DIR
#
# `start` runs tgtd in the background, builds one iSCSI target holding N tape drives (LUNs 1..N) and
# a media changer (LUN N+1) with M storage slots, the first K of which hold tapes with barcodes
# OR0001L6, OR0002L6, ..., and P import/export slots. It writes DIR/env (shell assignments:
# OPENRSM_TGT_URL, the changer's iscsi:// URL, and OPENRSM_TGT_*) and prints the URL.
# Element addresses are deliberately not contiguous, like a real library's:
#   transport 1, import/export 16.., data transfer (drives) 256.., storage 4096..
# `stop` shuts that tgtd down and removes its pid and control files (media images stay in DIR/media).
# Port and control number are chosen free unless given. Needs the Debian package `tgt`.
set -euo pipefail

usage() {
  echo "usage: $0 start DIR [--drives N] [--slots M] [--media K] [--ieports P] [--port PORT]" >&2
  echo "       $0 stop DIR" >&2
  exit 2
}

[ $# -ge 2 ] || usage
cmd=$1
dir=$(realpath -m "$2")
shift 2

stop() {
  [ -f "$dir/tgtd.pid" ] || return 0
  local ctl pid state
  ctl=$(cat "$dir/tgtd.ctl" 2>/dev/null || echo 0)
  pid=$(cat "$dir/tgtd.pid")
  tgtadm -C "$ctl" --lld iscsi --op delete --mode target --tid 1 --force >/dev/null 2>&1 || true
  # tgtd ignores SIGTERM and refuses "delete system" while it has LUNs: kill the pid started here.
  # Its state is all in memory (the media images are written through), so nothing is lost.
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = tgtd ]; then
    kill -9 "$pid" 2>/dev/null || true
    # Gone, or a zombie waiting for whoever adopted it to reap it.
    for _ in $(seq 1 100); do
      state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || echo gone)
      case "$state" in gone | Z) break ;; esac
      sleep 0.02
    done
  fi
  rm -f "/var/run/tgtd/socket.$ctl" "/var/run/tgtd/socket.$ctl.lock" "$dir/tgtd.pid" "$dir/tgtd.ctl"
}

case "$cmd" in
stop)
  stop
  exit 0
  ;;
start) ;;
*) usage ;;
esac

drives=2
slots=10
media=""
ieports=2
port=""
while [ $# -gt 0 ]; do
  case "$1" in
  --drives) drives=$2 ;;
  --slots) slots=$2 ;;
  --media) media=$2 ;;
  --ieports) ieports=$2 ;;
  --port) port=$2 ;;
  *) usage ;;
  esac
  shift 2
done
media=${media:-$((slots > 2 ? slots - 2 : slots))}
[ "$media" -le "$slots" ] || { echo "--media $media is more than --slots $slots" >&2; exit 2; }
command -v tgtd >/dev/null && command -v tgtadm >/dev/null && command -v tgtimg >/dev/null || {
  echo "tgt is not installed (Debian: apt-get install tgt)" >&2
  exit 3
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_control() {
  local candidate
  for candidate in $(shuf -i 100-999 -n 50); do
    if [ ! -e "/var/run/tgtd/socket.$candidate" ] && [ ! -e "/run/tgtd/socket.$candidate" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
free_port() {
  local candidate
  for candidate in $(shuf -i 20000-60000 -n 50); do
    if ! port_in_use "$candidate"; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

# Whether the tgtd started here listens on $port (not some other process on the same port).
owns_port() {
  local hex inode pid
  pid=$(cat "$dir/tgtd.pid")
  hex=$(printf '%04X' "$port")
  for inode in $(awk -v p=":$hex" '$2 ~ p"$" && $4 == "0A" {print $10}' /proc/net/tcp); do
    ls -l "/proc/$pid/fd" 2>/dev/null | grep -q "socket:\[$inode\]" && return 0
  done
  return 1
}

# Start tgtd; fails if it does not come up or does not listen on the portal (port taken meanwhile).
start_tgtd() {
  local tries=0
  setsid tgtd -f -C "$ctl" --iscsi portal="127.0.0.1:$port" >"$dir/tgtd.log" 2>&1 </dev/null &
  echo $! >"$dir/tgtd.pid"
  echo "$ctl" >"$dir/tgtd.ctl"
  until tgtadm -C "$ctl" --op show --mode target >/dev/null 2>&1 && owns_port; do
    tries=$((tries + 1))
    if [ $tries -ge 60 ] || ! kill -0 "$(cat "$dir/tgtd.pid")" 2>/dev/null; then
      stop
      return 1
    fi
    sleep 0.05
  done
}

stop
mkdir -p "$dir/media"
fixed_port=$port
attempt=0
while :; do
  attempt=$((attempt + 1))
  [ -n "$fixed_port" ] || port=$(free_port) || { echo "no free TCP port found" >&2; exit 1; }
  ctl=$(free_control) || { echo "no free tgtd control number found" >&2; exit 1; }
  start_tgtd && break
  if [ -n "$fixed_port" ] || [ $attempt -ge 3 ]; then
    echo "tgtd did not start on 127.0.0.1:$port:" >&2
    cat "$dir/tgtd.log" >&2
    exit 1
  fi
done

iqn=iqn.2025-01.org.openrsm.test:vtl
adm() { tgtadm -C "$ctl" --lld iscsi "$@"; }
changer_param() { adm --mode logicalunit --op update --tid 1 --lun "$changer" --params "$1"; }

adm --op new --mode target --tid 1 -T "$iqn"
for d in $(seq 1 "$drives"); do
  # A drive LUN needs a backing image even when empty; it stays offline until the changer loads it.
  [ -f "$dir/media/drive$d.empty" ] ||
    tgtimg --op new --device-type tape --barcode "" --size 1 --type clean --file "$dir/media/drive$d.empty" >/dev/null
  adm --mode logicalunit --op new --tid 1 --lun "$d" -b "$dir/media/drive$d.empty" --device-type=tape
  adm --mode logicalunit --op update --tid 1 --lun "$d" --params online=0
done

changer=$((drives + 1))
[ -f "$dir/media/changer" ] || dd if=/dev/zero of="$dir/media/changer" bs=1k count=1 2>/dev/null
adm --mode logicalunit --op new --tid 1 --lun "$changer" -b "$dir/media/changer" --device-type=changer
changer_param "media_home=$dir/media"
changer_param "element_type=1,start_address=1,quantity=1"
changer_param "element_type=3,start_address=16,quantity=$ieports"
changer_param "element_type=4,start_address=256,quantity=$drives"
for d in $(seq 1 "$drives"); do
  changer_param "element_type=4,address=$((255 + d)),tid=1,lun=$d"
done
changer_param "element_type=2,start_address=4096,quantity=$slots"
for s in $(seq 1 "$media"); do
  tape=$(printf "OR%04dL6" "$s")
  [ -f "$dir/media/$tape" ] ||
    tgtimg --op new --device-type tape --barcode "$tape" --size 16 --type data --thin-provisioning --file "$dir/media/$tape" >/dev/null
  changer_param "element_type=2,address=$((4095 + s)),barcode=$tape,sides=1"
done
adm --op bind --mode target --tid 1 -I ALL

url="iscsi://127.0.0.1:$port/$iqn/$changer"
cat >"$dir/env" <<EOF
OPENRSM_TGT_URL=$url
OPENRSM_TGT_PORTAL=127.0.0.1:$port
OPENRSM_TGT_IQN=$iqn
OPENRSM_TGT_CTL=$ctl
OPENRSM_TGT_DRIVES=$drives
OPENRSM_TGT_SLOTS=$slots
OPENRSM_TGT_MEDIA=$media
OPENRSM_TGT_IEPORTS=$ieports
OPENRSM_TGT_MEDIA_HOME=$dir/media
EOF
echo "$url"
