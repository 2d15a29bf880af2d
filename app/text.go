package app

import (
	"hoso/dossier"
	"hoso/textcheck"
)

// Every string of every request is text (textcheck): valid UTF-8 with no
// control character, no bidirectional formatting and no U+FFFD. Call
// checks the raw request before decoding it, so invalid UTF-8 is refused
// before the decoder would quietly turn it into U+FFFD, and a NUL, an ANSI
// escape or a right-to-left override never reaches a record, a log or a
// printed form. A string that is not text fails with invalid_input naming
// its path in the request ("applicant.fullName", "documents[2].name",
// "body.reason" of Dossiers.Act) as Field and Params "field", with Params
// "rule" bad_text (the rule dossier's texts already fail with, so the
// interface shows one message for both) and "char" the character as
// U+XXXX ("" for invalid UTF-8).
//
// Every text is one line, except the few in multiLineTexts.

// multiLineTexts are the texts that are not one line, by
// "<Service>.<Method> <path>":
//   - Lines (line feeds): the notes of a calendar override, typed in a text
//     area and never printed on a form;
//   - Block (tabs, carriage returns, line feeds): a file or a block pasted
//     whole, whose format ignores or needs that white space — a catalog
//     file (CSV, JSON), an enrolment text (read ignoring white space), a
//     bundle in base64 (the decoder skips line breaks) and the QR text a
//     scanner types (trimmed).
//
// Everything else — names, addresses, reasons, notes of an action,
// template lines, settings, passwords — is one line: each is printed, shown
// in a list or cell, or matched, and the interface sends lists (papers,
// agencies, exemptions) one item a line as separate strings.
var multiLineTexts = map[string]textcheck.Kind{
	"Calendar.SetOverride override.notes": textcheck.Lines,
	"Catalog.Import content":              textcheck.Block,
	"Sync.Accept text":                    textcheck.Block,
	"Sync.ImportBundle content":           textcheck.Block,
	"Records.Verify text":                 textcheck.Block,
}

// checkTexts refuses a request of method whose params hold a string that
// is not text.
func checkTexts(method string, params []byte) *Error {
	f, found := textcheck.ScanJSON(params, func(path string) textcheck.Kind {
		return multiLineTexts[method+" "+path]
	})
	if !found {
		return nil
	}
	what := "key"
	if !f.Key {
		what = "text"
	}
	e := FieldError(f.Path, "%s: %s is not allowed in a %s", f.Path, f.What(), what)
	e.Params = map[string]string{"rule": dossier.CodeBadText, "field": f.Path, "char": f.Char()}
	return e
}
