package app

import (
	"testing"

	"hoso/catalog"
	"hoso/dossier"
)

// plainProcedure is the procedure the package's tests receive as a plain
// one, with a paper named "Tờ khai": the tests of the lifecycle, reports and
// papers were written when the shipped catalog listed no papers. The tests
// of the missing-papers check give it the papers they check
// (requireGuardianForm); TestShippedCatalogAsksForPapers checks the shipped
// entry itself.
const plainProcedure = "1.004837"

func init() {
	defaultCatalog = func() ([]catalog.Procedure, error) {
		procs, err := catalog.Default()
		for i := range procs {
			if procs[i].Code == plainProcedure {
				procs[i].Documents = []catalog.Document{}
			}
		}
		return procs, err
	}
}

// TestShippedCatalogAsksForPapers checks that an office set up with the
// shipped catalog (not the tests' fixture) refuses a dossier of 1.004837
// without its declaration, and receives it with it.
func TestShippedCatalogAsksForPapers(t *testing.T) {
	fixture := defaultCatalog
	defaultCatalog = catalog.Default
	defer func() { defaultCatalog = fixture }()
	s := newStaff(t)
	paper := func(name string) []dossier.ReceivedDocument {
		return []dossier.ReceivedDocument{{Name: name, Form: catalog.FormOriginal, Count: 1}}
	}
	req := ReceiveRequest{
		Procedure: plainProcedure, Channel: dossier.ChannelInPerson, Sets: 1,
		Applicant: dossier.Applicant{FullName: "Nguyễn Văn Giám", CitizenID: "038095001234", Address: "Thôn 1, xã Đông Sơn"},
		Documents: paper("Tờ khai"),
	}
	var r ReceiveReply
	s.mustCall(t, s.clerk, "Dossiers.Receive", req, &r)
	if r.Received || len(r.Missing) != 1 || r.Missing[0] != "Tờ khai đăng ký giám hộ" {
		t.Fatalf("without the declaration: %+v", r)
	}
	req.Documents = paper("Tờ khai đăng ký giám hộ")
	s.mustCall(t, s.clerk, "Dossiers.Receive", req, &r)
	if !r.Received || r.Code == "" {
		t.Fatalf("with the declaration: %+v", r)
	}
}
