package dossier

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"hoso/textcheck"
)

// The applicant's rules (Check applies them to a reception and to a
// correction of the applicant; ValidateApplicant and ValidateIntake give
// them to services that record other things about an applicant).
//
// Texts. Every text of the applicant is printed on the forms and shown in
// lists, so it must be one line of plain text: no control character (C0,
// DEL, C1: a line break or a tab would break a printed line or a CSV
// row), no bidirectional control (U+202A–U+202E embeddings and overrides,
// U+2066–U+2069 isolates, U+200E and U+200F marks, U+061C the Arabic letter
// mark: they reorder what the reader sees, "Trojan Source") and valid
// UTF-8. JSON decoding turns invalid UTF-8 into U+FFFD, the replacement
// character, so U+FFFD is refused too: no one types it, and it means the
// text was damaged on its way. This is textcheck.Line, the rule the
// service registry applies to every text of every request. A text that
// breaks this fails with CodeBadText naming the field.
//
// Identifiers. A person's personal identification number (số định danh cá
// nhân, Law on Identification 2023) is 12 digits whose first three name a
// province or a country in the list held as data (idcodes.go); a number of
// another length fails with CodeBadCitizenID, one whose first three digits
// name no place with CodeBadCitizenID and Params "reason" "place" and
// "prefix" (the three digits). An
// organisation's identifier is its enterprise code or tax code: 10 digits,
// or 10 digits "-" 3 digits for a branch or dependent unit (CodeBadOrgID).
// Both are optional, as the personal number always was: a clerk receives
// from a religious establishment, a residential group or a foreigner who
// has no such number, and must not be made to invent one. But an
// identifier belongs to its kind: a person carrying an organisation's
// identifier, or an organisation carrying a personal number, fails with
// CodeKindMismatch naming the identifier — the person filing for an
// organisation is its representative, whose number goes there.
//
// Representatives. Someone always files for an organisation, so an
// organisation must name its representative (CodeRepresentativeRequired);
// a person may file for themselves or through one. A representative, when
// given, has a name, and a personal number of 12 digits when one is given.
//
// Phone. The applicant's phone is optional; when given it is a Vietnamese
// number written with digits only: a mobile number of 10 digits starting
// with 0, or a fixed line of 11 digits starting with 02 (the area code,
// e.g. 0237 Thanh Hóa, since the 2017 renumbering). Anything else fails
// with CodeBadValue naming applicant.phone. The desk sends the number
// without the spaces and dots a clerk may type.
var (
	// orgIDRE is an enterprise or tax code: 10 digits, or 10 digits "-" 3
	// digits.
	orgIDRE = regexp.MustCompile(`^\d{10}(-\d{3})?$`)
	// phoneRE is a mobile number (10 digits, 0…) or a fixed line (11
	// digits, 02…).
	phoneRE = regexp.MustCompile(`^(0\d{9}|02\d{9})$`)
)

// textProblem reports whether s is not a printed line of text
// (textcheck.Line, the rule every request's texts follow), and then its
// first character that may not be there, as U+XXXX ("" for invalid UTF-8).
func textProblem(s string) (char string, bad bool) {
	if p, ok := textcheck.Check(s, textcheck.Line); !ok {
		return p.Char(), true
	}
	return "", false
}

// lineText checks one printed text: clean (CodeBadText) and of at most
// MaxTextLen characters (CodeBadValue).
func lineText(field, s string) *RuleError {
	if char, bad := textProblem(s); bad {
		what := "invalid UTF-8"
		if char != "" {
			what = "the character " + char
		}
		return ruleErr(CodeBadText, "%s: %s is not allowed in a text", field, what).with("field", field).with("char", char)
	}
	if utf8.RuneCountInString(s) > MaxTextLen {
		return badValue(field, "not text of at most %d characters", MaxTextLen)
	}
	return nil
}

// citizenID checks a personal identification number, which may be empty.
func citizenID(field, s string) *RuleError {
	if s == "" {
		return nil
	}
	if !citizenIDRE.MatchString(s) {
		return ruleErr(CodeBadCitizenID, "%s: %q is not 12 digits", field, s).with("field", field)
	}
	if _, ok := CitizenIDPlace(s); !ok {
		return ruleErr(CodeBadCitizenID, "%s: %q does not start with a province or country code", field, s).
			with("field", field).with("reason", "place").with("prefix", s[:3])
	}
	return nil
}

// phone checks the applicant's phone, which may be empty.
func phone(field, s string) *RuleError {
	if s != "" && !phoneRE.MatchString(s) {
		return badValue(field, "%q is neither a mobile number (10 digits, 0…) nor a fixed line (11 digits, 02…)", s)
	}
	return nil
}

// orgID checks an organisation's identifier, which may be empty.
func orgID(field, s string) *RuleError {
	if s != "" && !orgIDRE.MatchString(s) {
		return ruleErr(CodeBadOrgID, "%s: %q is not 10 digits or 10-3 digits", field, s).with("field", field)
	}
	return nil
}

// applicantTexts lists the applicant's texts with their field names, in
// the order the form asks for them.
func applicantTexts(a Applicant) [][2]string {
	out := [][2]string{
		{"applicant.fullName", a.FullName}, {"applicant.citizenId", a.CitizenID}, {"applicant.orgId", a.OrgID},
		{"applicant.address", a.Address}, {"applicant.phone", a.Phone}, {"applicant.email", a.Email},
	}
	if r := a.Representative; r != nil {
		out = append(out, [2]string{"applicant.representative.fullName", r.FullName},
			[2]string{"applicant.representative.citizenId", r.CitizenID},
			[2]string{"applicant.representative.relation", r.Relation})
	}
	return out
}

// validateApplicant applies every rule of the applicant: its texts, its
// name, its identifiers' shapes and the rules between its fields.
func validateApplicant(a Applicant) *RuleError {
	if !a.Kind.Valid() {
		return badValue("applicant.kind", "%q is neither %q nor %q", a.Kind, ApplicantPerson, ApplicantOrganisation)
	}
	for _, t := range applicantTexts(a) {
		if re := lineText(t[0], t[1]); re != nil {
			return re
		}
	}
	if re := required("applicant.fullName", a.FullName); re != nil {
		return re
	}
	if re := firstOf(citizenID("applicant.citizenId", a.CitizenID), orgID("applicant.orgId", a.OrgID), phone("applicant.phone", a.Phone)); re != nil {
		return re
	}
	if r := a.Representative; r != nil {
		if re := citizenID("applicant.representative.citizenId", r.CitizenID); re != nil {
			return re
		}
	}
	return applicantConsistency(a)
}

// applicantConsistency applies the rules between the applicant's fields:
// identifiers of its own kind, and a named representative for an
// organisation or whenever one is given.
func applicantConsistency(a Applicant) *RuleError {
	org := a.IsOrganisation()
	switch {
	case !org && a.OrgID != "":
		return ruleErr(CodeKindMismatch, "applicant.orgId: a person has no organisation identifier").with("field", "applicant.orgId")
	case org && a.CitizenID != "":
		return ruleErr(CodeKindMismatch, "applicant.citizenId: an organisation has no personal identification number; its representative's goes under representative").
			with("field", "applicant.citizenId")
	case org && (a.Representative == nil || strings.TrimSpace(a.Representative.FullName) == ""):
		return ruleErr(CodeRepresentativeRequired, "applicant.representative.fullName: an organisation files through a representative").
			with("field", "applicant.representative.fullName")
	case a.Representative != nil && strings.TrimSpace(a.Representative.FullName) == "":
		return badValue("applicant.representative.fullName", "required")
	}
	return nil
}

// ValidateApplicant applies the applicant's rules (see above) as Check does
// at reception; it returns nil or a *RuleError naming the field
// ("applicant.fullName", "applicant.representative.citizenId", …).
func ValidateApplicant(a Applicant) error {
	if re := validateApplicant(a); re != nil {
		return re
	}
	return nil
}

// ValidateIntake checks what the desk records of an incomplete intake
// (a dossier not received because papers are missing): the applicant as at
// reception, the papers brought (possibly none) and the note and contact
// printed on Form 02, which follow the applicant's text rules. It returns
// nil or a *RuleError naming the field.
func ValidateIntake(a Applicant, docs []ReceivedDocument, note, contact string) error {
	if re := firstOf(validateApplicant(a), documents("documents", docs, false), lineText("contact", contact), lineText("note", note)); re != nil {
		return re
	}
	return nil
}
