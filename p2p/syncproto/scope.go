package syncproto

import (
	"strings"

	"hoso/store"
	"hoso/trust"
)

// Tree gives the place of an office in the office tree: its path from the
// province, "38/405/38001". The application's office records answer it.
type Tree interface {
	Path(office string) (string, bool)
}

// referencePrefixes are the subjects of reference data: an office's office
// tree, catalog, calendar, templates, report rules, complaint legal times,
// settings and trust records (certificates and revocations, package p2p)
// reach every office below it. A certificate is narrower still: it reaches
// its device's branch of the tree only (certVisible).
var referencePrefixes = []string{"office/", "procedure/", "calendar/", "template/", "reportrules/", "complaintrules/", "setting/", "cert/", "revocation/"}

// IsReference reports whether a subject is reference data, which every
// office below its owner receives.
func IsReference(subject string) bool {
	for _, p := range referencePrefixes {
		if strings.HasPrefix(subject, p) {
			return true
		}
	}
	return false
}

// Scope is what an office may receive: events owned by or addressed to it
// or an office below it, and reference data of the offices above it. The
// zero Tree places no office: such a scope answers only Covers and Above.
//
// A Scope made by NewScope caches the tree's answers and is for one
// goroutine (one session).
type Scope struct {
	path string
	tree Tree
	// paths caches the tree's answers for one session (nil: no cache).
	paths map[string]string
}

// NewScope returns the scope of the office at path, placing offices with
// tree and caching its answers: a session asks about many events of few
// offices.
func NewScope(path string, tree Tree) Scope {
	return Scope{path: path, tree: tree, paths: map[string]string{}}
}

// PathScope returns the scope of the office at path without a tree: it
// compares paths only (Covers, Above).
func PathScope(path string) Scope { return Scope{path: path} }

// pathOf returns an office's path, "" when unknown.
func (s Scope) pathOf(office string) string {
	if s.paths != nil {
		if p, ok := s.paths[office]; ok {
			return p
		}
	}
	var p string
	if s.tree != nil {
		p, _ = s.tree.Path(office)
	}
	if s.paths != nil {
		s.paths[office] = p
	}
	return p
}

// Covers reports whether office path p is the scope's office or below it.
func (s Scope) Covers(p string) bool { return within(p, s.path) }

// Above reports whether office path p is the scope's office or above it.
func (s Scope) Above(p string) bool { return within(s.path, p) }

// within reports whether office path p is path top or below it, without
// building top+"/" (a hub asks it of every origin on every pull).
func within(p, top string) bool {
	return strings.HasPrefix(p, top) && (len(p) == len(top) || p[len(top)] == '/')
}

// CoversOffice reports whether an office code is in the scope's subtree.
func (s Scope) CoversOffice(office string) bool {
	p := s.pathOf(office)
	return p != "" && s.Covers(p)
}

// Visible reports whether the scope may see an event of a subject
// addressed to audience (the subject's owners and audiences so far).
// ownerPath, when known, is the path of the office of the event's origin
// (which is the event's owner): it places offices the office records do
// not hold yet.
func (s Scope) Visible(e *store.Event, audience []string, ownerPath ...string) bool {
	if visible, decided := s.certVisible(e); decided {
		return visible
	}
	if s.CoversOffice(e.Owner) {
		return true
	}
	for _, p := range ownerPath {
		if p != "" && s.Covers(p) {
			return true
		}
		if p != "" && IsReference(e.Subject) && s.Above(p) {
			return true
		}
	}
	for _, o := range audience {
		if s.CoversOffice(o) {
			return true
		}
	}
	if IsReference(e.Subject) {
		if p := s.pathOf(e.Owner); p != "" && s.Above(p) {
			return true
		}
	}
	return false
}

// visibleLazy is Visible with the audience read only when the owner does
// not already decide: most events a hub serves are its offices' own.
func (s Scope) visibleLazy(e *store.Event, audience func() ([]string, error), ownerPath string) (bool, error) {
	if visible, decided := s.certVisible(e); decided {
		return visible, nil
	}
	if s.CoversOffice(e.Owner) || ownerPath != "" && s.Covers(ownerPath) {
		return true, nil
	}
	aud, err := audience()
	if err != nil {
		return false, err
	}
	return s.Visible(e, aud, ownerPath), nil
}

// Accepted reports whether a receiver takes an event from a device of
// office originOffice: a device writes for its own office only
// (CheckOrigins drops the rest, whatever the receiver's scope), so a
// sender leaves the others out rather than send what is refused, and
// logged, on every pull. An origin whose office is unknown ("") is left
// to the receiver.
func Accepted(e *store.Event, originOffice string) bool {
	return originOffice == "" || e.Owner == originOffice
}

// certSubjectPrefix starts the subjects of the devices' certificates
// (package p2p's trust records, cert/<peer ID>).
const certSubjectPrefix = "cert/"

// certVisible decides for a device's certificate record: it reaches the
// offices that may sync with the device, its own office and those below
// it (the device's office is in the scope: Covers) and the offices above
// it (Above), not its sibling offices. An office that receives events of
// a device outside its branch (a transferred dossier) receives its chain
// with them: every batch carries the chains of its events' devices, and
// the receiver keeps them (Keeper) to pass them on. A certificate the province issued a
// commune's first desk is the province's reference data, which reached
// every desk of the province: each desk's first sync carried every
// commune's, and enrolling N desks cost the hub N×N/3 events (issue 19).
// Events of a subject under cert/ that do not carry a chain are left to
// the general rule (decided false).
func (s Scope) certVisible(e *store.Event) (visible, decided bool) {
	if !strings.HasPrefix(e.Subject, certSubjectPrefix) {
		return false, false
	}
	ch, err := trust.DecodeChain(e.Body)
	if err != nil || len(ch) == 0 {
		return false, false
	}
	p := ch.Leaf().Path
	return s.Covers(p) || s.Above(p), true
}
