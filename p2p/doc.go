// Package p2p is what speaks libp2p for a node: its identity and host
// (identity.go, host.go, the connection gater), the trust book (enrolment,
// certificates and revocations as trust records, renewal), and the Syncer,
// which keeps a node's records in step with its peers: its run loop
// (dialling hubs with backoff, mDNS, kicking pulls when either side wrote,
// run.go), Sync.Now (now.go), the daily byte budgets (budget.go), the peer
// exchange's handler (peers.go) and the status board with its failure
// codes (status.go, failure.go).
//
// The protocols themselves live in their own packages and import no
// libp2p: the sync protocol's wire and sessions in p2p/syncproto (this
// package opens and accepts the streams and gives the sessions the node,
// session.go), the peer exchange's wire in p2p/pex, and bundles, the sync
// protocol's frames in a sealed file, in p2p/bundle (bundle.go here is the
// Syncer's door to them). Dependencies point one way: p2p → bundle →
// syncproto → store, trust.
package p2p
