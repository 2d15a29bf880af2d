package app_test

import (
	"slices"
	"strings"
	"testing"

	"hoso/app"
	"hoso/p2p"
	"hoso/store"
)

// registered is every projection a node opens its store with (node.Open):
// the application's and p2p's trust records.
func registered() []store.Projection {
	return append(app.Projections(), p2p.TrustProjection{})
}

// TestSchemaNoOverlap proves that no family's prefix starts another's
// unless the other is declared within it, so that no subject belongs to
// two families by accident.
func TestSchemaNoOverlap(t *testing.T) {
	sch := app.Schema()
	if !slices.IsSortedFunc(sch, func(a, b app.SubjectSpace) int { return strings.Compare(a.Prefix, b.Prefix) }) {
		t.Error("the schema is not in the order of its prefixes")
	}
	prefixes := map[string]bool{}
	for _, sp := range sch {
		if sp.Prefix == "" || prefixes[sp.Prefix] {
			t.Errorf("prefix %q empty or listed twice", sp.Prefix)
		}
		prefixes[sp.Prefix] = true
	}
	for _, inner := range sch {
		if inner.Within != "" && (!prefixes[inner.Within] || !strings.HasPrefix(inner.Prefix, inner.Within)) {
			t.Errorf("%q is declared within %q, which is not a listed prefix of it", inner.Prefix, inner.Within)
		}
		for _, outer := range sch {
			if outer.Prefix != inner.Prefix && strings.HasPrefix(inner.Prefix, outer.Prefix) && inner.Within != outer.Prefix {
				t.Errorf("%q overlaps %q and is not declared within it", inner.Prefix, outer.Prefix)
			}
		}
	}
}

// TestSchemaListsEveryProjection proves that every projection registered is
// listed, that nothing unregistered is, and that each projection folds
// exactly the families that name it: a nested family's subjects are left
// alone by the outer family's projections, a printed name by all.
func TestSchemaListsEveryProjection(t *testing.T) {
	sch := app.Schema()
	listed := map[string]bool{}
	for _, sp := range sch {
		for _, p := range sp.Projections {
			listed[p] = true
		}
	}
	for _, p := range registered() {
		if !listed[p.Name()] {
			t.Errorf("projection %q is registered but not in the schema", p.Name())
		}
		delete(listed, p.Name())
	}
	for name := range listed {
		t.Errorf("projection %q is in the schema but not registered", name)
	}
	for _, sp := range sch {
		for _, subject := range []string{sp.Prefix, sp.Prefix + "38001/2025"} {
			for _, p := range registered() {
				if want := slices.Contains(sp.Projections, p.Name()); p.Wants(subject) != want {
					t.Errorf("projection %q wants %q: %v, the schema says %v", p.Name(), subject, !want, want)
				}
			}
		}
	}
}

// TestSchemaKinds proves that each kind of event belongs to one family,
// that a family with events has a projection folding them, and that a
// printed name has neither.
func TestSchemaKinds(t *testing.T) {
	seen := map[string]string{}
	for _, sp := range app.Schema() {
		if sp.Printed != (len(sp.Kinds) == 0) || sp.Printed != (len(sp.Projections) == 0) {
			t.Errorf("%q: a printed name has no events nor projection, any other family both", sp.Prefix)
		}
		for _, k := range sp.Kinds {
			if prev, ok := seen[k]; ok {
				t.Errorf("kind %q listed under %q and %q", k, prev, sp.Prefix)
			}
			seen[k] = sp.Prefix
		}
	}
	if sp, ok := app.SpaceOf("calendar/rules/38001"); !ok || sp.Prefix != "calendar/rules/" {
		t.Errorf("a nested family's subject found in %q", sp.Prefix)
	}
	if _, ok := app.SpaceOf("nothing/38001"); ok {
		t.Error("a subject outside the schema found a family")
	}
}
