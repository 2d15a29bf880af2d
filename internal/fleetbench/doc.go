// Package fleetbench measures one provincial hub serving many desks: the
// real hoso-node serve on a real data folder, and N simulated desks, each a
// real libp2p host with its own key, certificate and in-memory store,
// spread over a few worker processes on loopback. hoso-node bench fleet is
// its command line; nothing in the product imports it.
//
// # The run
//
// Run (run.go) prepares the hub with the real command line: init --root of
// province 38 in a temporary folder (its data key in a key file), then
// serve on loopback TCP. Through the hub's console RPC (the operator token,
// as hoso-node's own CLI calls do) it records one office per commune under
// the province (desksPerCommune desks each, so two to five desks per
// commune as in Thanh Hóa) and issues each commune's first desk a commune
// certificate; that desk then enrols the commune's other desks itself
// (role desk), the way a commune enrols its extra desks. The communes are
// spread whole over Config.Workers worker processes; the leaders start
// and sync first, since the hub admits the other desks only once it holds
// their certificates. Desks sync with the hub only (their gater admits
// nobody else): a commune's desks would also sync with each other, but
// here every event must reach the hub from the desk that wrote it, so that
// a desk knows when its sync is complete and the hub carries all the load.
//
// Time is compressed: a working day of 8 hours holds dayIntervals = 96
// sync intervals of 5 minutes, and the run plays it in Config.Minutes
// minutes, so one interval lasts Minutes×60/96 seconds (10 minutes: 6.25 s).
// Config.Intervals shortens the day to fewer intervals with the same
// dossiers (the quick test plays 8). A desk whose sync overran the
// intervals since syncs once for all of them (skippedIntervals counts
// them): a hub that cannot keep up shows there.
// Every desk, at a random phase within the interval, writes the events of
// its dossiers due in that interval (received, two steps, result returned:
// eventsPerDossier events each, Config.Dossiers dossiers per desk per day)
// and syncs with the hub: it pulls from the hub, and when it wrote
// something waits until the hub has pulled it back (the hub pulls back
// what a desk wrote since its last complete pull). That is one desk sync;
// its duration is what deskSync reports, and deskPull the part of it the
// pull took (waiting for one of the hub's serve slots included): the rest
// waited for the pull back (one of the hub's pull slots, then the pull). A desk with nothing new still
// syncs (a no-op sync).
//
// Config.OfflineShare of the desks stay offline for the first half of the
// day and come back with backlogDays days of dossiers written while
// offline. usbShare of the desks never connect: at the end each writes a
// sync bundle for the hub, which the hub imports with hoso-node bundle
// import, as a USB stick would bring it.
//
// # The figures
//
// Before the day, once every online desk is connected and synced, each
// desk makes one no-op sync: the hub's CPU time (utime+stime of
// /proc/PID/stat) over that round divided by the desks is noopCpuMs. Over
// the day the hub's CPU time, less the day's syncs at noopCpuMs each,
// divided by the events the hub received, is eventCpuUs. cpuCoreShare is
// the share of one core the hub would use on a real day at a 5-minute
// interval: (N×noopCpuMs + events per interval×eventCpuUs) / 5 minutes;
// compressedCoreShare is what it used in the compressed run itself.
// peakRssMB is the hub's VmHWM at the end; connections the peers the hub
// reports connected (Sync.Status) at the day's end.
//
// After the day every desk waits (settleFor at most) until the hub has
// pulled its events; then the hub stops and Run opens its data folder to
// read what it holds of each desk (the store's vector). events counts the
// dossier events the desks wrote, eventsAtHub those the hub holds,
// duplicates the events the hub received over the wire beyond the new ones
// (its status board's counts less what it holds), starvedDesks the desks
// that came online but whose events the hub does not all hold at the end
// or that never completed a sync.
//
// # The worker processes
//
// A worker is started as hoso-node bench fleet-worker and talks one JSON
// object a line (worker.go): it reads a Plan (its desks and communes),
// makes their keys and answers their peer IDs; reads the commune
// certificates the hub issued, enrols the other desks and starts every
// online desk (host, Syncer.Run), answering when all reach the hub; then
// for each command line (noop, day) runs it and answers; at the end of its
// input it writes the bundles of its USB desks and its per-desk results,
// and exits.
package fleetbench
