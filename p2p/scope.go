package p2p

import (
	"strings"

	"hoso/store"
)

// Tree gives the place of an office in the office tree: its path from the
// province, "38/405/38001". The application's office records answer it.
type Tree interface {
	Path(office string) (string, bool)
}

// referencePrefixes are the subjects of reference data: an office's office
// tree, catalog, calendar, templates, report rules, settings and trust
// records reach every office below it.
var referencePrefixes = []string{"office/", "procedure/", "calendar/", "template/", "reportrules/", "setting/", certPrefix, revocationPrefix}

func isReference(subject string) bool {
	for _, p := range referencePrefixes {
		if strings.HasPrefix(subject, p) {
			return true
		}
	}
	return false
}

// scope is what an office may receive: events owned by or addressed to it
// or an office below it, and reference data of the offices above it.
type scope struct {
	path string
	tree Tree
	// paths caches the tree's answers for one session (nil: no cache).
	paths map[string]string
}

// withCache returns the scope with a cache of office paths, for a session
// that asks about many events of few offices.
func (s scope) withCache() scope {
	s.paths = map[string]string{}
	return s
}

// pathOf returns an office's path, "" when unknown.
func (s scope) pathOf(office string) string {
	if s.paths != nil {
		if p, ok := s.paths[office]; ok {
			return p
		}
	}
	p, _ := s.tree.Path(office)
	if s.paths != nil {
		s.paths[office] = p
	}
	return p
}

// covers reports whether office path p is the scope's office or below it.
func (s scope) covers(p string) bool {
	return p == s.path || strings.HasPrefix(p, s.path+"/")
}

// above reports whether office path p is the scope's office or above it.
func (s scope) above(p string) bool {
	return p == s.path || strings.HasPrefix(s.path, p+"/")
}

// coversOffice reports whether an office code is in the scope's subtree.
func (s scope) coversOffice(office string) bool {
	p := s.pathOf(office)
	return p != "" && s.covers(p)
}

// visible reports whether the scope may see an event of a subject
// addressed to audience (the subject's owners and audiences so far).
// ownerPath, when known, is the path of the office of the event's origin
// (which is the event's owner): it places offices the office records do
// not hold yet.
func (s scope) visible(e *store.Event, audience []string, ownerPath ...string) bool {
	if s.coversOffice(e.Owner) {
		return true
	}
	for _, p := range ownerPath {
		if p != "" && s.covers(p) {
			return true
		}
		if p != "" && isReference(e.Subject) && s.above(p) {
			return true
		}
	}
	for _, o := range audience {
		if s.coversOffice(o) {
			return true
		}
	}
	if isReference(e.Subject) {
		if p := s.pathOf(e.Owner); p != "" && s.above(p) {
			return true
		}
	}
	return false
}

// visibleLazy is visible with the audience read only when the owner does
// not already decide: most events a hub serves are its offices' own.
func (s scope) visibleLazy(e *store.Event, audience func() ([]string, error), ownerPath string) (bool, error) {
	if s.coversOffice(e.Owner) || ownerPath != "" && s.covers(ownerPath) {
		return true, nil
	}
	aud, err := audience()
	if err != nil {
		return false, err
	}
	return s.visible(e, aud, ownerPath), nil
}
