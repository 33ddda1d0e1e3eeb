#!/usr/bin/env python3
"""A userspace stand-in for `tc qdisc … netem delay D loss L`, for kernels built without netem.

The topology suite prefers the real thing (`tc … netem`) on both ends of the desk's veth pair. Where
the kernel has no netem (CONFIG_NET_SCH_NETEM unset: "Specified qdisc kind is unknown"), the suite
runs this script in the switch namespace instead, spliced into the desk's link:

    desk eth0 ══ v-desk ──[this script: delay + loss, each way]── t-desk (tap) ══ br0

`v-desk` (the switch end of the desk's veth) is taken out of the bridge and read with an AF_PACKET
socket; `t-desk` is a tap device enslaved to the bridge in its place. Every Ethernet frame, either
way, is held for the delay and dropped with the loss probability, in order (a constant delay never
reorders, like netem without jitter). Frames are whole and checksummed: a tap has no offloads, so
the kernel segments and checksums before handing frames to us, and the desk's eth0 gets its TX
checksum offload turned off (`offload-off`, below) so frames read from v-desk are complete too.

Usage (as root, inside the namespace that holds the devices):
    wire.py run --packet v-desk --tap t-desk --delay-ms 200 --loss 0.02 --stats FILE
    wire.py offload-off eth0
The counters go to FILE as JSON at every drop and when SIGTERM ends `run`.
"""
from __future__ import annotations

import argparse
import ctypes
import fcntl
import heapq
import json
import os
import random
import select
import signal
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
TUNSETIFF = 0x400454CA
IFF_TAP = 0x0002
IFF_NO_PI = 0x1000
SIOCETHTOOL = 0x8946
ETHTOOL_STXCSUM = 0x00000017
ETHTOOL_STSO = 0x0000001F
ETHTOOL_SGSO = 0x00000024


def ethtool_set(ifname: str, cmd: int, value: int) -> None:
    """The legacy SIOCETHTOOL ioctl (`ethtool -K` without the ethtool binary)."""
    buf = ctypes.create_string_buffer(struct.pack("II", cmd, value))
    ifr = struct.pack("16sP", ifname.encode(), ctypes.addressof(buf)).ljust(40, b"\0")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        fcntl.ioctl(s.fileno(), SIOCETHTOOL, ifr)


def offload_off(ifname: str) -> None:
    for cmd in (ETHTOOL_STXCSUM, ETHTOOL_STSO, ETHTOOL_SGSO):
        try:
            ethtool_set(ifname, cmd, 0)
        except OSError as e:  # a flag the device does not have: fine, nothing to turn off
            print(f"wire: {ifname} ethtool cmd {cmd:#x}: {e}", file=sys.stderr)


def open_tap(name: str) -> int:
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TAP | IFF_NO_PI))
    os.set_blocking(fd, False)
    return fd


def run(args: argparse.Namespace) -> None:
    pkt = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    pkt.bind((args.packet, 0))
    pkt.setblocking(False)
    tap = open_tap(args.tap)
    delay = args.delay_ms / 1000
    rng = random.Random(args.seed)
    stats = {"toTap": 0, "toPacket": 0, "droppedToTap": 0, "droppedToPacket": 0}
    queue: list = []  # (due, seq, direction, frame)
    seq = 0
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if args.ready:
        with open(args.ready, "w") as f:
            f.write("ready\n")

    def write_stats() -> None:
        if args.stats:
            with open(args.stats + ".tmp", "w") as f:
                json.dump(stats, f)
            os.replace(args.stats + ".tmp", args.stats)

    def enqueue(direction: str, frame: bytes) -> None:
        nonlocal seq
        if rng.random() < args.loss:
            stats["dropped" + direction[0].upper() + direction[1:]] += 1
            write_stats()  # drops are rare: the suite can read them while the link is impaired
            return
        seq += 1
        heapq.heappush(queue, (time.monotonic() + delay, seq, direction, frame))

    while not stopping:
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            _, _, direction, frame = heapq.heappop(queue)
            try:
                if direction == "toTap":
                    os.write(tap, frame)
                else:
                    pkt.send(frame)
                stats[direction] += 1
            except OSError:
                pass  # a full queue or a device going away: a lost frame, as on a real wire
        timeout = max(0.0, queue[0][0] - time.monotonic()) if queue else 0.5
        try:
            readable, _, _ = select.select([pkt, tap], [], [], timeout)
        except InterruptedError:
            continue
        if pkt in readable:
            while True:
                try:
                    frame, addr = pkt.recvfrom(65536)
                except BlockingIOError:
                    break
                if addr[2] != PACKET_OUTGOING:  # our own sends show up here too
                    enqueue("toTap", frame)
        if tap in readable:
            while True:
                try:
                    frame = os.read(tap, 65536)
                except BlockingIOError:
                    break
                enqueue("toPacket", frame)
    write_stats()


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--packet", required=True)
    r.add_argument("--tap", required=True)
    r.add_argument("--delay-ms", type=float, default=200)
    r.add_argument("--loss", type=float, default=0.02)
    r.add_argument("--seed", type=int, default=None)
    r.add_argument("--stats", default="")
    r.add_argument("--ready", default="")
    o = sub.add_parser("offload-off")
    o.add_argument("ifname")
    args = parser.parse_args()
    if args.cmd == "run":
        run(args)
    else:
        offload_off(args.ifname)


if __name__ == "__main__":
    main()
