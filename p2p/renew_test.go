package p2p

import (
	"bytes"
	"crypto/ed25519"
	"testing"
	"time"

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
