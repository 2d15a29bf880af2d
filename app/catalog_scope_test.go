package app

import (
	"testing"

	"hoso/store"
)

// TestCatalogVersionsApplyOnlyDownTheTree: a procedure saved by a commune
// is in force at the commune, never at its district, whose own version
// stays; the district's later version reaches the commune.
func TestCatalogVersionsApplyOnlyDownTheTree(t *testing.T) {
	e := newEnv(t)
	admin := e.setup(t) // the node is commune 38001
	e.mustCall(t, admin, "Offices.Save", OfficeRecord{Code: "38", Name: "UBND tỉnh Thanh Hóa"}, nil)
	e.mustCall(t, admin, "Offices.Save", OfficeRecord{Code: "405", Name: "UBND huyện Đông Sơn", Parent: "38"}, nil)
	e.mustCall(t, admin, "Offices.Save", OfficeRecord{Code: "38001", Name: "UBND xã Đông Sơn", Parent: "405"}, nil)
	var p ProcedureReply
	e.mustCall(t, admin, "Catalog.Get", ProcedureRequest{Code: "1.004837"}, &p)
	base := p.Procedure

	// The district's version, as it arrives by sync (owned by 405).
	district := base
	district.TimeLimitWD = 4
	if _, err := e.st.Append(store.Draft{Actor: "district-admin", Owner: "405", Kind: kindProcedureSave, Subject: procedurePrefix + base.Code, Body: mustJSON(district)}); err != nil {
		t.Fatal(err)
	}
	e.mustCall(t, admin, "Catalog.Get", ProcedureRequest{Code: base.Code}, &p)
	if p.Procedure.TimeLimitWD != 4 {
		t.Fatalf("the district's version is not in force at its commune: %+v", p.Procedure.TimeLimitWD)
	}
	// The commune's own later version is in force at the commune…
	own := base
	own.TimeLimitWD = 5
	e.mustCall(t, admin, "Catalog.Save", SaveProcedureRequest{Procedure: own}, &p)
	if p.Procedure.TimeLimitWD != 5 {
		t.Fatalf("the commune's own version: %d", p.Procedure.TimeLimitWD)
	}
	// …and never at the district, which still reads its own.
	var r procedureRecord
	if _, err := readState(e.st, procedureProjID, procedurePrefix+base.Code, &r); err != nil {
		t.Fatal(err)
	}
	if v, ok := r.inForce(catalogChain(e.st, "405")); !ok || v.Procedure.TimeLimitWD != 4 || v.Office != "405" {
		t.Fatalf("at the district: %+v", v)
	}
	// The province recorded none: nothing of the offices below is in
	// force there.
	if v, ok := r.inForce(catalogChain(e.st, "38")); ok {
		t.Fatalf("an office below changed the province's catalog: %+v", v)
	}
}
