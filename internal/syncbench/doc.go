// Package syncbench measures hoso's sync against the peer benchmark of
// ../shared/bench-peers (PouchDB replication): the same dossiers, two node
// processes on loopback, a counting TCP proxy between them, one Result.
// hoso-node bench sync is its command line; nothing in the product imports
// it.
//
// # The run
//
// Run writes the dossiers with the peer's own generator (pouch/dump.js under
// Node.js, one JSON document a line), starts two node processes (district
// and commune), lets the district enrol the commune, puts a counting proxy
// (internal/faultproxy, unshaped) in front of the commune and has the
// district pull through it, in phases:
//
//  0. load: the commune writes every dossier as events (pouch.go);
//  1. full: the district pulls everything;
//  2. incremental: the commune changes Config.Modify dossiers, the district
//     pulls;
//  3. no-op: Config.Repeats pulls with nothing new (the median is kept);
//  4. idle: nothing asked for idleFor; what crosses the wire anyway.
//
// Each pull's bytes are counted until the link is quiet for settleQuiet, so
// they include the commune's pull back after it served (with
// Config.Bidirectional). Between phases each node reports its peak resident
// memory (VmHWM, reset through /proc/self/clear_refs) and CPU time.
//
// # The node processes
//
// A node is hoso's sync wired by hand (node.go): a store with the trust
// projection only, an enrolment, a libp2p host and a Syncer; no app
// services. Config.Peer builds the command that starts one; that process
// calls ServePeer. The parent and the child talk one JSON object a line
// (process.go): the child writes a hello Reply (its peer ID) or an error
// Reply and exits; then, for each Request read on its standard input, one
// Reply on its standard output, in order; it stops at the end of its input.
// A Reply with ok false carries the error's text; no request changes the
// protocol's state except "enrol" (which starts the commune's host) and
// "peak" with reset (which starts a phase).
//
// Requests (Request.Cmd):
//
//	issue   the district issues an enrolment text for PeerID (commune role)
//	enrol   the commune accepts Text and starts its host; Reply.Addrs
//	connect dial PeerID at Addr (the proxy)
//	pull    pull from PeerID; Reply.Ms, Reply.Stats
//	load    write the dossiers of the file Docs; Reply.Dossiers, .Events, .Ms
//	modify  change Count of the N dossiers of Docs; Reply.Dossiers, .Ms
//	holds   the sequence this node holds of PeerID's events; Reply.Seq
//	peak    memory and CPU figures; with Reset, start a phase
//	gen     write N synthetic events (seed Count) fast (gen.go); Reply.Events
//	settle  wait for Badger's compactions to stop; Reply.LSM
//	reopen  stop the host, close the store and open it again; Reply.LSM
//
// # The memory benchmark
//
// RunMemory (memory.go, hoso-node bench memory) uses the same node
// processes in one store profile (desk or hub): the commune writes N
// events (gen), the district pulls them all, both let their compactions
// settle, then both open their stores again. A watchdog in the
// orchestrator reads each node's VmRSS every 100 ms besides the nodes'
// own VmHWM per phase, and counts the samples above the profile's budget.
//
// HOSO_BENCH_PROFILE, when set in a node's environment, names a folder
// that receives a CPU profile per phase and a heap profile per phase end.
package syncbench
