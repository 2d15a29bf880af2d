package p2p

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"

	"hoso/store"
	"hoso/trust"
)

// Subjects and kinds of the trust records, which travel like reference
// data: a certificate is recorded by the office that issued it, a
// revocation likewise.
const (
	certPrefix       = "cert/"
	revocationPrefix = "revocation/"
	kindEnrolled     = "trust.enrolled"
	kindRevoked      = "trust.revoked"
	trustProjID      = "trust"
)

// Enrolment is a node's place in the province: the root key it trusts, its
// own certificate chain and the hubs it dials.
type Enrolment struct {
	Root  ed25519.PublicKey
	Chain trust.Chain
	Hubs  []string
}

// ErrNotEnrolled means the node has no certificate yet.
var ErrNotEnrolled = errors.New("sync: this node is not enrolled")

// LoadEnrolment reads the node's enrolment from the store's local settings.
func LoadEnrolment(st *store.Store) (*Enrolment, error) {
	root, err := st.Local(store.LocalTrustRoot)
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrNotEnrolled
	}
	if err != nil {
		return nil, err
	}
	raw, err := st.Local(store.LocalTrustChain)
	if err != nil {
		return nil, ErrNotEnrolled
	}
	ch, err := trust.DecodeChain(raw)
	if err != nil {
		return nil, fmt.Errorf("reading this node's certificate: %w", err)
	}
	en := &Enrolment{Root: ed25519.PublicKey(root), Chain: ch}
	if b, err := st.Local(store.LocalTrustHubs); err == nil {
		_ = json.Unmarshal(b, &en.Hubs)
	}
	return en, nil
}

// SaveEnrolment records the node's enrolment.
func SaveEnrolment(st *store.Store, en *Enrolment) error {
	hubs, _ := json.Marshal(en.Hubs)
	for k, v := range map[string][]byte{store.LocalTrustRoot: en.Root, store.LocalTrustChain: en.Chain.Encode(), store.LocalTrustHubs: hubs} {
		if err := st.SetLocal(k, v); err != nil {
			return fmt.Errorf("saving the enrolment: %w", err)
		}
	}
	return nil
}

// PeerIDOf returns the libp2p peer ID of a device key.
func PeerIDOf(k ed25519.PublicKey) (peer.ID, error) {
	pk, err := crypto.UnmarshalEd25519PublicKey(k)
	if err != nil {
		return "", err
	}
	return peer.IDFromPublicKey(pk)
}

// keyOf returns the Ed25519 key behind a peer ID.
func keyOf(id peer.ID) (ed25519.PublicKey, error) {
	pk, err := id.ExtractPublicKey()
	if err != nil {
		return nil, err
	}
	raw, err := pk.Raw()
	if err != nil || len(raw) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("peer %s has no Ed25519 key", id)
	}
	return ed25519.PublicKey(raw), nil
}

// trustRecord is the folded state of a certificate or revocation subject.
type trustRecord struct {
	Chain   []byte    `json:"chain,omitempty"`
	Revoked bool      `json:"revoked,omitempty"`
	At      time.Time `json:"at,omitzero"`
	// By are the chains of the devices that revoked it, as their
	// revocation records carry them: a node honours a revocation only when
	// one of them verifies and its office is the revoked device's or above.
	By [][]byte `json:"by,omitempty"`
}

// revocationBody is a revocation record's content: the revoking device's
// chain, so that every node can tell whether its office may revoke.
type revocationBody struct {
	By []byte `json:"by"`
}

// TrustProjection folds the trust records: each device's latest
// certificate chain and whether it was revoked. Node registers it with the
// application's projections.
type TrustProjection struct{}

// Name identifies the projection.
func (TrustProjection) Name() string { return trustProjID }

// Version 2 indexes each certificate by its office path (pathIndex), so
// that a bundle is sealed to every known device of the offices entitled
// to it.
func (TrustProjection) Version() uint32 { return 2 }

// pathIndex lists certified devices by office path: key path + "\x00",
// so that a scan with that prefix finds the devices of that office only,
// not those of the offices below it.
const pathIndex = "path"

// Wants reports whether a subject is a certificate or a revocation.
func (TrustProjection) Wants(subject string) bool {
	return strings.HasPrefix(subject, certPrefix) || strings.HasPrefix(subject, revocationPrefix)
}

// Fold keeps the latest chain and any revocation.
func (TrustProjection) Fold(subject string, state []byte, events []*store.Event) (store.Folded, error) {
	var r trustRecord
	if state != nil {
		if err := json.Unmarshal(state, &r); err != nil {
			return store.Folded{}, err
		}
	}
	for _, e := range events {
		switch e.Kind {
		case kindEnrolled:
			if _, err := trust.DecodeChain(e.Body); err == nil {
				r.Chain = bytes.Clone(e.Body)
			}
		case kindRevoked:
			r.Revoked, r.At = true, e.HLC.Time()
			var body revocationBody
			if json.Unmarshal(e.Body, &body) == nil && len(body.By) > 0 && !slices.ContainsFunc(r.By, func(b []byte) bool { return bytes.Equal(b, body.By) }) {
				r.By = append(r.By, body.By)
			}
		}
	}
	b, err := json.Marshal(&r)
	if err != nil {
		return store.Folded{}, err
	}
	var idx []store.IndexEntry
	if r.Revoked {
		idx = append(idx, store.IndexEntry{Index: "revoked", Key: []byte(strings.TrimPrefix(subject, revocationPrefix))})
	}
	if ch, err := trust.DecodeChain(r.Chain); r.Chain != nil && err == nil {
		idx = append(idx, store.IndexEntry{Index: pathIndex, Key: []byte(ch.Leaf().Path + "\x00")})
	}
	return store.Folded{State: b, Index: idx}, nil
}

// certBook answers who a device is: its chain from the trust records, and
// whether it was revoked. It caches what it read until the trust records
// change (store.Folds): on a hub the store changes all the time.
type certBook struct {
	st *store.Store

	// root verifies the revokers' chains; nil honours no revocation.
	root ed25519.PublicKey

	mu      sync.Mutex
	changes uint64
	// revoked holds, per revoked device (peer ID), the office paths of
	// the devices that revoked it whose chains verified.
	revoked map[string][]string
	// chains holds the chains read, by device key (store.Origin): a hub
	// asks for every origin's on every pull it serves.
	chains map[store.Origin]trust.Chain
}

func newCertBook(st *store.Store, en *Enrolment) *certBook {
	b := &certBook{st: st, changes: ^uint64(0)}
	if en != nil {
		b.root = en.Root
	}
	return b
}

// refresh reloads the revocations when the trust records changed.
func (b *certBook) refresh() {
	n := b.st.Folds(trustProjID)
	if n == b.changes {
		return
	}
	b.changes, b.revoked, b.chains = n, map[string][]string{}, map[store.Origin]trust.Chain{}
	hits, err := b.st.Scan(trustProjID, "revoked", store.ScanOptions{})
	if err != nil {
		return
	}
	for _, h := range hits {
		raw, err := b.st.State(trustProjID, revocationPrefix+string(h.Key))
		var r trustRecord
		if err != nil || json.Unmarshal(raw, &r) != nil {
			continue
		}
		for _, by := range r.By {
			// The revoker's chain as it stood when it revoked: a
			// revocation outlives the revoker's own certificate.
			ch, err := trust.DecodeChain(by)
			if err == nil && b.root != nil && ch.Verify(b.root, r.At, nil) == nil {
				b.revoked[string(h.Key)] = append(b.revoked[string(h.Key)], ch.Leaf().Path)
			}
		}
	}
}

// revocations returns how many devices are recorded revoked.
func (b *certBook) revocations() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refresh()
	return len(b.revoked)
}

// isRevoked reports whether the device a certificate names was revoked by
// a device of its own office or of an office above it: a revocation by
// anyone else (a desk of another commune, say) is recorded and ignored.
func (b *certBook) isRevoked(c *trust.Cert) bool {
	id, err := PeerIDOf(c.Subject)
	if err != nil {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refresh()
	for _, by := range b.revoked[id.String()] {
		if c.Path == by || strings.HasPrefix(c.Path, by+"/") {
			return true
		}
	}
	return false
}

// chain returns the recorded chain of a device.
func (b *certBook) chain(id peer.ID) (trust.Chain, bool) {
	o, err := originOf(id)
	if err != nil {
		return nil, false
	}
	return b.chainOf(o, id)
}

// chainOf returns the chain of the device whose key is o: the recorded
// one, or the one kept from a batch (keptChain), the newer of the two when
// both are held. id, when not "", is its peer ID (worked out from o
// otherwise).
func (b *certBook) chainOf(o store.Origin, id peer.ID) (trust.Chain, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refresh()
	if ch, ok := b.chains[o]; ok {
		return ch, true
	}
	rec, ok := b.recordLocked(o, id)
	if kept, kok := b.keptLocked(o); kok && (!ok || ChainExpires(kept).After(ChainExpires(rec))) {
		rec, ok = kept, true
	}
	if ok {
		b.chains[o] = rec
	}
	return rec, ok
}

// recordOf returns the chain the trust records hold for the device whose
// key is o, and only that.
func (b *certBook) recordOf(o store.Origin, id peer.ID) (trust.Chain, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refresh()
	return b.recordLocked(o, id)
}

// recordLocked reads the recorded chain of o; b.mu is held.
func (b *certBook) recordLocked(o store.Origin, id peer.ID) (trust.Chain, bool) {
	if id == "" {
		var err error
		if id, err = PeerIDOf(o[:]); err != nil {
			return nil, false
		}
	}
	raw, err := b.st.State(trustProjID, certPrefix+id.String())
	if err != nil {
		return nil, false
	}
	var r trustRecord
	if json.Unmarshal(raw, &r) != nil || r.Chain == nil {
		return nil, false
	}
	ch, err := trust.DecodeChain(r.Chain)
	if err != nil {
		return nil, false
	}
	return ch, true
}

// RecordCertificate writes a device's chain as a trust record of the
// issuing office, so that it reaches the offices that must know the device.
func RecordCertificate(st *store.Store, actor, office string, ch trust.Chain) error {
	id, err := PeerIDOf(ch.Leaf().Subject)
	if err != nil {
		return err
	}
	_, err = st.Append(store.Draft{Actor: actor, Owner: office, Kind: kindEnrolled, Subject: certPrefix + id.String(), Body: ch.Encode()})
	return err
}

// RecordRevocation revokes a device everywhere the record reaches; by is
// the revoking device's chain, which every node checks: only a device of
// the revoked one's office or of an office above it may revoke it.
func RecordRevocation(st *store.Store, actor string, by trust.Chain, id peer.ID) error {
	body, err := json.Marshal(revocationBody{By: by.Encode()})
	if err != nil {
		return err
	}
	_, err = st.Append(store.Draft{Actor: actor, Owner: by.Leaf().Office(), Kind: kindRevoked, Subject: revocationPrefix + id.String(), Body: body})
	return err
}
