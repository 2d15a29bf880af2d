package node

import (
	"encoding/json"
	"strings"
	"testing"

	"hoso/app"
	"hoso/p2p/bundle"
)

// The import reply (and so the CLI's JSON and the screen) carries what a
// bundle brought and was not imported: the reason, the counts and the
// subjects listed.
func TestImportResultSaysWhatWasSkipped(t *testing.T) {
	if app.SkipOutOfScope != bundle.SkipOutOfScope || app.SkipWrongOffice != bundle.SkipWrongOffice {
		t.Fatal("the reasons' names differ between app and p2p")
	}
	res := importResult(bundle.Stats{Events: 3, Added: 2, Bytes: 900, Skipped: []bundle.Skip{
		{Reason: bundle.SkipOutOfScope, Events: 22, Subjects: 17, Listed: []string{"dossier/38001-0001", "dossier/38001-0002"}},
	}})
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"events":3,"added":2,"bytes":900,"skipped":[{"reason":"out-of-scope","events":22,"subjects":17,"listed":["dossier/38001-0001","dossier/38001-0002"]}]}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	b, _ = json.Marshal(importResult(bundle.Stats{Events: 1, Added: 1}))
	if strings.Contains(string(b), "skipped") {
		t.Errorf("a bundle imported whole says %s", b)
	}
}
