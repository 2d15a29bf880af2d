package syncproto

import (
	"hoso/store"
	"hoso/trust"
)

// Keeper is a Local that keeps the certificate chains batches carry.
//
// A device's certificate record reaches the offices of its own branch of
// the office tree only (Scope): its office, those below it and those above
// it. A node still receives events of devices in other branches, those of
// a subject addressed to its office (a liên thông transfer), and it
// verifies them with the chains their batch carries (every batch carries
// the chain of each device whose events it holds). Keeping those chains
// lets the node verify the events again and pass them on with their chains
// (the Batcher attaches what ChainOf answers), as a commune relays a
// transferred dossier to its other desks.
type Keeper interface {
	// KeepChain keeps the chain of a device whose events a committed
	// batch carried; it verified. ChainOf answers it from then on, unless
	// the trust records hold a newer one. A node that holds the device's
	// record already, or a newer chain, keeps nothing.
	KeepChain(ch trust.Chain)
}

// keepChains hands the chains a batch carried for the devices of the
// events it stored to l, when l keeps them.
func keepChains(l Local, carried map[store.Origin]trust.Chain, events []*store.Event) {
	k, ok := l.(Keeper)
	if !ok || len(carried) == 0 {
		return
	}
	self := l.Store().Self()
	seen := map[store.Origin]bool{}
	for _, e := range events {
		if e.Origin == self || seen[e.Origin] {
			continue
		}
		seen[e.Origin] = true
		if ch, ok := carried[e.Origin]; ok {
			k.KeepChain(ch)
		}
	}
}
