package app

import (
	"slices"
	"strings"

	"hoso/dossier"
	"hoso/store"
)

// What the quality records of one office may read of another's: its own,
// and those of the offices below it (a district reads its communes, never
// a sibling's), as the sync scope delivers them.

// isoReadOffice resolves the office a read names: the caller's when empty;
// another only when it is below the caller's. The operator at the node's
// console reads every office's.
func isoReadOffice(st *store.Store, cl Caller, office string) (string, error) {
	mine := callerOffice(st, cl)
	office = strings.TrimSpace(office)
	if office == "" || office == mine {
		return mine, nil
	}
	if _, err := getOffice(st, office); err != nil {
		return "", err
	}
	if cl.Operator {
		return office, nil
	}
	if below, err := officeSees(st, mine, office); err != nil {
		return "", err
	} else if !below {
		return "", &Error{Code: CodeForbidden, Field: "office", Message: "office " + office + " is not yours nor below yours", Params: map[string]string{"code": office}}
	}
	return office, nil
}

// officeSees reports whether office is other or above it in the tree.
func officeSees(st *store.Store, office, other string) (bool, error) {
	seen := false
	err := upTree(st, other, func(code string) (bool, error) {
		seen = code == office
		return seen, nil
	})
	return seen, err
}

// visibleDossier reads a dossier the office may cite or link: one it or an
// office below it received, or one it took part in (liên thông). Any other
// is answered as not found on field, so its existence is not disclosed.
func visibleDossier(st *store.Store, office, code, field string) (dossier.Dossier, error) {
	notFound := &Error{Code: CodeNotFound, Field: field, Message: "no dossier " + code + " this office can see", Params: map[string]string{"code": code}}
	ds, err := getDossier(st, code)
	if err != nil {
		return dossier.Dossier{}, notFound
	}
	if slices.Contains(ds.Offices, office) {
		return ds, nil
	}
	if ok, err := officeSees(st, office, ds.Office); err != nil {
		return dossier.Dossier{}, err
	} else if !ok {
		return dossier.Dossier{}, notFound
	}
	return ds, nil
}
