package p2p

import (
	"bytes"
	"errors"

	"hoso/store"
	"hoso/trust"
)

// Chains kept from batches (issue 19).
//
// A device's certificate record reaches the offices of its own branch of
// the office tree only (syncproto.Scope): a commune's desk no longer
// receives every other commune's certificates, which made enrolling N
// desks cost the hub N×N/3 events. A node still receives events of devices
// in other branches (a transferred dossier), with their chains in the
// batch; it keeps those chains (store.LocalTrustKept, which never leaves
// the node) so that it can verify the events again, pass them on with
// their chains, and admit the device (Gater) should it meet it. A kept
// chain is checked like a recorded one (root, expiry, revocations) every
// time it is used.

// keptLocked reads the chain kept for o; b.mu is held.
func (b *certBook) keptLocked(o store.Origin) (trust.Chain, bool) {
	raw, err := b.st.Local(store.LocalTrustKept(o))
	if err != nil {
		return nil, false
	}
	ch, err := trust.DecodeChain(raw)
	if err != nil || len(ch) == 0 || !bytes.Equal(ch.Leaf().Subject, o[:]) {
		return nil, false
	}
	return ch, true
}

// keep keeps a verified chain carried by a committed batch, unless the
// book already answers the same device with a chain that lasts as long.
func (b *certBook) keep(ch trust.Chain) error {
	if len(ch) == 0 {
		return errors.New("keeping an empty chain")
	}
	var o store.Origin
	copy(o[:], ch.Leaf().Subject)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refresh()
	known, ok := b.chains[o]
	if !ok {
		rec, rok := b.recordLocked(o, "")
		kept, kok := b.keptLocked(o)
		switch {
		case rok && kok:
			known, ok = newer(rec, kept), true
		case rok:
			known, ok = rec, true
		case kok:
			known, ok = kept, true
		}
	}
	if ok && !ChainExpires(ch).After(ChainExpires(known)) {
		if _, cached := b.chains[o]; !cached {
			b.chains[o] = known
		}
		return nil
	}
	if err := b.st.SetLocal(store.LocalTrustKept(o), ch.Encode()); err != nil {
		return err
	}
	b.chains[o] = ch
	return nil
}

// KeepChain keeps the chain a committed batch carried for a device
// (syncproto.Keeper).
func (l local) KeepChain(ch trust.Chain) {
	if err := l.s.book.keep(ch); err != nil {
		l.s.logf("sync: keeping the certificate of %x: %v", ch.Leaf().Subject, err)
	}
}
