package p2p

import (
	"testing"

	"github.com/libp2p/go-libp2p/core/peer"

	"hoso/p2p/syncproto"
	"hoso/store"
)

// The sessions name a remote by its store.Origin and key the sync records
// by its String; the records were keyed by the libp2p peer ID's text, so
// the two must be the same text, or existing data folders would pull
// everything again.
func TestSessionRecordsKeepTheirPeerIDKeys(t *testing.T) {
	t.Parallel()
	for range 8 {
		k, lk := newKey(t)
		id, err := peer.IDFromPrivateKey(lk)
		if err != nil {
			t.Fatal(err)
		}
		o, err := originOf(id)
		if err != nil || o != store.OriginOf(k) {
			t.Fatalf("originOf(%s) = %s, %v", id, o, err)
		}
		if o.String() != id.String() || store.LocalSyncToken(o.String()) != store.LocalSyncToken(id.String()) {
			t.Fatalf("origin %s names peer %s", o, id)
		}
	}
}

// The trust records are reference data: every office below the one that
// wrote them receives them (syncproto's scope lists their prefixes).
func TestTrustRecordsAreReferenceData(t *testing.T) {
	t.Parallel()
	for _, s := range []string{certPrefix + "12D3KooW", revocationPrefix + "12D3KooW"} {
		if !syncproto.IsReference(s) {
			t.Errorf("%s is not reference data", s)
		}
	}
}
