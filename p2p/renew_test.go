package p2p

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	hsb "hoso/p2p/bundle"
	"hoso/trust"
)

// dueChild enrols a second device of district 405 by the province a year
// less 20 days ago for 365 days: its certificate expires in 20 days.
func dueChild(t *testing.T, pv *province, name string) *node {
	t.Helper()
	k, lk := newKey(t)
	ch, err := trust.Issue(pv.p.key, pv.p.en.Chain, k.Public().(ed25519.PublicKey), "38/405", trust.RoleDistrict, testNow.AddDate(0, 0, -345), 365)
	if err != nil {
		t.Fatal(err)
	}
	if err := RecordCertificate(pv.p.st, "admin", "38", ch); err != nil {
		t.Fatal(err)
	}
	return startNode(t, name, k, lk, &Enrolment{Root: pv.p.en.Root, Chain: ch})
}

// TestCertificateRenewal: a device whose certificate expires in 20 days
// syncs with its parent and afterwards holds (and has saved) a certificate
// for the full term; the parent renews it once; a renewal travels in a
// bundle too; a revoked device is not renewed.
func TestCertificateRenewal(t *testing.T) {
	// Its own nodes; mostly waiting on syncs.
	t.Parallel()
	pv := newProvince(t)
	c := dueChild(t, pv, "district, second device")
	if !c.sync.RenewDue() {
		t.Fatal("a certificate expiring in 20 days is not due")
	}
	link(t, c, pv.p)
	pull(t, c, pv.p)
	leaf := c.sync.Certificate().Leaf()
	if until := time.Until(leaf.NotAfter); until < 364*24*time.Hour {
		t.Fatalf("after syncing with its parent the certificate expires in %v, want the full term", until)
	}
	if leaf.Path != "38/405" || leaf.Role != trust.RoleDistrict || !bytes.Equal(leaf.Subject, c.key.Public().(ed25519.PublicKey)) {
		t.Fatalf("the renewal changed the device, office or role: %s %s", leaf.Path, leaf.Role)
	}
	if c.sync.RenewDue() {
		t.Error("a renewed certificate is still due")
	}
	if en, err := LoadEnrolment(c.st); err != nil || !en.Chain.Leaf().NotAfter.Equal(leaf.NotAfter) {
		t.Errorf("the renewed certificate was not saved as the enrolment: %v", err)
	}
	// Met again, it is not renewed again; the renewed chain is the one
	// the parent knows.
	pull(t, c, pv.p)
	pull(t, pv.p, c)
	if n := count(t, pv.p, certPrefix+c.id.String()); n != 2 {
		t.Errorf("the province holds %d certificates of the device, want the first and one renewal", n)
	}
	if err := c.sync.Certificate().Verify(pv.p.en.Root, testNow.AddDate(0, 0, 300), nil); err != nil {
		t.Errorf("the renewed chain does not verify after the old certificate's expiry: %v", err)
	}

	// By bundle: the province exports for a due device, which imports it.
	u := dueChild(t, pv, "district, offline device")
	var buf bytes.Buffer
	if _, err := pv.p.sync.ExportBundle(&buf, u.id, false); err != nil {
		t.Fatal(err)
	}
	if _, err := u.sync.ImportBundle(&buf); err != nil {
		t.Fatal(err)
	}
	if until := time.Until(u.sync.Certificate().Leaf().NotAfter); until < 364*24*time.Hour {
		t.Errorf("after importing its parent's bundle the certificate expires in %v", until)
	}

	// A revoked device is not renewed, whether it tries to sync or its
	// parent exports a bundle for it.
	r := dueChild(t, pv, "district, revoked device")
	if err := RecordRevocation(pv.p.st, "admin", pv.p.en.Chain, r.id); err != nil {
		t.Fatal(err)
	}
	if !refused(r, pv.p) {
		t.Error("a revoked device synced")
	}
	buf.Reset()
	_, _ = pv.p.sync.ExportBundle(&buf, r.id, false)
	if n := count(t, pv.p, certPrefix+r.id.String()); n != 1 {
		t.Errorf("a revoked device's certificate was renewed (%d certificates)", n)
	}
	if !r.sync.RenewDue() {
		t.Error("the revoked device's certificate changed")
	}
}

// lapsedChild enrols a commune device by the district lapsed days ago
// (issued for 30 days, 30+lapsed days ago).
func lapsedChild(t *testing.T, pv *province, name string, lapsed int) *node {
	t.Helper()
	k, lk := newKey(t)
	ch, err := trust.Issue(pv.d.key, pv.d.en.Chain, k.Public().(ed25519.PublicKey), "38/405/38003", trust.RoleCommune, testNow.AddDate(0, 0, -30-lapsed), 30)
	if err != nil {
		t.Fatal(err)
	}
	if err := RecordCertificate(pv.d.st, "admin", "405", ch); err != nil {
		t.Fatal(err)
	}
	return startNode(t, name, k, lk, &Enrolment{Root: pv.p.en.Root, Chain: ch})
}

// TestExpiredDeviceBundle: a device whose certificate lapsed (and that
// cannot sync, as TestSyncRefusals shows) still exports a bundle for its
// parent; the parent imports it whole and renews the device, and the
// renewal reaches it in the parent's bundle. The province, which did not
// issue it, refuses the bundle with a message naming the expiry; so does
// the parent for a revoked device or one lapsed too long ago.
func TestExpiredDeviceBundle(t *testing.T) {
	// Enrolled two years ago: the commune's certificate lapsed while its
	// issuers' held.
	pv := newProvinceSince(t, testNow.AddDate(-2, 0, 0))
	c := lapsedChild(t, pv, "commune, lapsed 10 days", 10)
	write(t, c, "dossier/C1", "dossier.step", "38003")
	write(t, c, "dossier/C1", "dossier.step", "38003")
	export := func(n *node, to *node) []byte {
		t.Helper()
		var buf bytes.Buffer
		if _, err := n.sync.ExportBundle(&buf, to.id, false); err != nil {
			t.Fatalf("%s exports for %s: %v", n.name, to.name, err)
		}
		return buf.Bytes()
	}
	b := export(c, pv.d)

	// Not at the province: it did not issue the certificate and cannot
	// renew it.
	if _, err := pv.p.sync.ImportBundle(bytes.NewReader(b)); !errors.Is(err, hsb.ErrRefused) || !strings.Contains(err.Error(), "expired") {
		t.Errorf("the province imported a lapsed device's bundle or did not say why: %v", err)
	}
	st, err := pv.d.sync.ImportBundle(bytes.NewReader(b))
	if err != nil || st.Added != 2 || count(t, pv.d, "dossier/C1") != 2 {
		t.Fatalf("the district did not import its lapsed commune's bundle: %+v %v", st, err)
	}
	if n := count(t, pv.d, certPrefix+c.id.String()); n != 2 {
		t.Errorf("the district holds %d certificates of the device, want the first and its renewal", n)
	}
	if _, err := c.sync.ImportBundle(bytes.NewReader(export(pv.d, c))); err != nil {
		t.Fatal(err)
	}
	if until := time.Until(c.sync.Certificate().Leaf().NotAfter); until < 29*24*time.Hour {
		t.Fatalf("after importing its parent's bundle the certificate expires in %v", until)
	}
	// Renewed, it syncs again, and what it wrote meanwhile travels.
	write(t, c, "dossier/C1", "dossier.step", "38003")
	link(t, pv.d, c)
	pull(t, pv.d, c)
	if count(t, pv.d, "dossier/C1") != 3 {
		t.Error("the renewed device's new event did not reach the district")
	}

	for name, n := range map[string]*node{
		"revoked":         lapsedChild(t, pv, "commune, lapsed and revoked", 5),
		"lapsed too long": lapsedChild(t, pv, "commune, lapsed a year", 365),
	} {
		if name == "revoked" {
			if err := RecordRevocation(pv.d.st, "admin", pv.d.en.Chain, n.id); err != nil {
				t.Fatal(err)
			}
		}
		write(t, n, "dossier/"+name, "dossier.step", "38003")
		var buf bytes.Buffer
		_, _ = n.sync.ExportBundle(&buf, pv.d.id, false)
		if _, err := pv.d.sync.ImportBundle(&buf); !errors.Is(err, hsb.ErrRefused) {
			t.Errorf("%s: the district imported the bundle: %v", name, err)
		}
		if count(t, pv.d, "dossier/"+name) != 0 {
			t.Errorf("%s: events were imported", name)
		}
	}
}

// TestGaterAdmitsTheRenewer: after a renewal issued by another device of
// the parent office, this node's gater admits that device as one of its
// issuers, without a restart.
func TestGaterAdmitsTheRenewer(t *testing.T) {
	pv := newProvince(t)
	k2, lk2 := newKey(t)
	d2, err := trust.Issue(pv.p.key, pv.p.en.Chain, k2.Public().(ed25519.PublicKey), "38/405", trust.RoleDistrict, testNow, 30)
	if err != nil {
		t.Fatal(err)
	}
	id2, _ := peer.IDFromPrivateKey(lk2)
	g := NewGater(pv.a.st, pv.a.en, nil, pv.a.logs.logf)
	if g.Allowed(id2) {
		t.Fatal("an unknown second district device was admitted before any renewal")
	}
	leaf := pv.a.en.Chain.Leaf()
	renewal, err := trust.Issue(k2, d2, leaf.Subject, leaf.Path, leaf.Role, testNow, 60)
	if err != nil {
		t.Fatal(err)
	}
	if err := RecordCertificate(pv.a.st, "renewal", "405", renewal); err != nil {
		t.Fatal(err)
	}
	if !g.Allowed(id2) {
		t.Error("the device that renewed this node's certificate is not admitted")
	}
}
