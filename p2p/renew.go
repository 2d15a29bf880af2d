package p2p

import (
	"bytes"
	"time"

	"hoso/trust"
)

// Renewal of certificates (issue 15 item 9).
//
// A certificate expires (365 days by default) and every desk of a province
// enrolled in the same week would stop in the same week, so a renewal is a
// trust record like any other certificate, issued without anyone typing
// anything:
//
//   - The parent renews. When a device of the office that issued a child's
//     certificate (the issuing device itself or another of that office's
//     devices that may enrol: not a desk) meets the child — the child pulls
//     from it, it pulls from the child, it imports a bundle the child wrote
//     or exports a bundle for it — and the child's newest certificate is
//     due (see renewDue), and the child is not revoked, the parent signs a
//     new certificate: same device, office and role, same term, from now.
//     It records it as the child's certificate (kind trust.enrolled on
//     cert/<peer>, owned by the parent's office), so it is the parent's
//     rules that apply: a revoked device is never renewed, and a device
//     that does not sync or exchange bundles is not renewed either.
//   - The record travels by the normal flows: a certificate of an office
//     above is reference data of the child's office, so the child receives
//     it in the same pull (the server renews before it answers) or in the
//     next bundle its parent exports for it.
//   - The child adopts it. Its own chain (ownChain) is the newest valid
//     certificate recorded for itself with the same office, role and key,
//     checked whenever the store changed; an adopted chain is saved as the
//     enrolment, so a restart keeps it.
//
// The window is the last renewWithin of the certificate's term, or the last
// third of a term shorter than three times that: a renewal is never itself
// due at once, so a short certificate is not reissued at every sync.
const (
	// renewWithin: a parent renews a child's certificate this long before
	// it expires.
	renewWithin = 60 * 24 * time.Hour
	// WarnWithin: the screens warn this long before this node's
	// certificate expires.
	WarnWithin = 30 * 24 * time.Hour
)

// ChainExpires is when a chain stops verifying: the earliest expiry of
// its certificates (a child's chain carries its issuers' certificates as
// they were when it was issued, so a renewal also refreshes those).
func ChainExpires(ch trust.Chain) time.Time { return ch.Expires() }

// renewDue reports whether a chain is in its leaf's renewal window at now.
func renewDue(ch trust.Chain, now time.Time) bool {
	c := ch.Leaf()
	window := min(renewWithin, c.NotAfter.Sub(c.NotBefore)/3)
	return ChainExpires(ch).Sub(now) <= window
}

// newer returns the chain of the two that expires later.
func newer(a, b trust.Chain) trust.Chain {
	if ChainExpires(b).After(ChainExpires(a)) {
		return b
	}
	return a
}

// termDays is a certificate's term in whole days (trust.Issue starts a
// certificate an hour early).
func termDays(c *trust.Cert) int {
	d := int((c.NotAfter.Sub(c.NotBefore) - time.Hour + 12*time.Hour) / (24 * time.Hour))
	return max(1, min(d, 3660))
}

// renewFor renews the certificate of a verified peer (or bundle writer)
// when this node's office issued it and it is due; it reports whether it
// recorded a renewal.
func (s *Syncer) renewFor(ch trust.Chain) bool {
	if s.key == nil || len(ch) < 2 {
		return false
	}
	own := s.ownChain()
	if own == nil {
		return false
	}
	me, leaf := own.Leaf(), ch.Leaf()
	if leaf.Role == trust.RoleRoot {
		return false
	}
	if me.Role == trust.RoleDesk || ch[1].Path != me.Path || bytes.Equal(leaf.Subject, me.Subject) {
		return false
	}
	now := s.now()
	// Most meetings find nothing due: a newer recorded chain would be
	// due even less, so they end here, without the lock.
	if !renewDue(ch, now) {
		return false
	}
	s.renewMu.Lock()
	defer s.renewMu.Unlock()
	id, err := PeerIDOf(leaf.Subject)
	if err != nil {
		return false
	}
	// The newest certificate this node knows for the device: a renewal
	// recorded already is not repeated.
	if rec, ok := s.book.chain(id); ok && bytes.Equal(rec.Leaf().Subject, leaf.Subject) {
		ch = newer(ch, rec)
		leaf = ch.Leaf()
	}
	if !renewDue(ch, now) || s.book.isRevoked(leaf) {
		return false
	}
	next, err := trust.Issue(s.key, own, leaf.Subject, leaf.Path, leaf.Role, now, termDays(leaf))
	// A renewal must last longer than what the device holds: while this
	// node's own chain is itself due, its parent renews it first.
	if err != nil || !ChainExpires(next).After(ChainExpires(ch)) || next.Verify(s.en.Root, now, s.book.isRevoked) != nil {
		return false
	}
	if err := RecordCertificate(s.st, "renewal", me.Office(), next); err != nil {
		s.logf("sync: renewing the certificate of %s: %v", id, err)
		return false
	}
	s.logf("sync: renewed the certificate of %s (%s) to %s", id, leaf.Path, next.Leaf().NotAfter.Format(time.DateOnly))
	return true
}

// ownChain is this node's chain: the enrolment's, or a newer renewal of it
// recorded for this device, which it then adopts and saves.
func (s *Syncer) ownChain() trust.Chain {
	s.ownMu.Lock()
	defer s.ownMu.Unlock()
	if s.own == nil || s.book == nil {
		return s.own
	}
	n := s.st.Folds(trustProjID)
	if n == s.ownSeen {
		return s.own
	}
	s.ownSeen = n
	rec, ok := s.book.chain(s.selfID())
	cur := s.own.Leaf()
	if !ok || !ChainExpires(rec).After(ChainExpires(s.own)) {
		return s.own
	}
	l := rec.Leaf()
	if !bytes.Equal(l.Subject, cur.Subject) || l.Path != cur.Path || l.Role != cur.Role || rec.Verify(s.en.Root, s.now(), s.book.isRevoked) != nil {
		return s.own
	}
	s.own = rec
	if err := SaveEnrolment(s.st, &Enrolment{Root: s.en.Root, Chain: rec, Hubs: s.en.Hubs}); err != nil {
		s.logf("sync: saving the renewed certificate: %v", err)
	} else {
		s.logf("sync: this node's certificate was renewed to %s", ChainExpires(rec).Format(time.DateOnly))
	}
	return s.own
}

// Certificate returns this node's chain (renewed ones adopted), nil when it
// is not enrolled.
func (s *Syncer) Certificate() trust.Chain { return s.ownChain() }

// RenewDue reports whether this node's chain expires within
// WarnWithin: the screens warn then.
func (s *Syncer) RenewDue() bool {
	ch := s.ownChain()
	return ch != nil && ChainExpires(ch).Sub(s.now()) <= WarnWithin
}
