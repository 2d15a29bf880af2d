package dossier

import (
	"slices"
	"strconv"
	"time"

	"hoso/calendar"
)

// field is one correctable field: how to read it as text and how to set it
// from text (false when the text is not a value of the field).
type field struct {
	get func(d *Dossier) string
	set func(d *Dossier, v string) bool
}

// fields are the fields a correction may change (a receipt with a wrong
// procedure, date or name, DOMAIN.md §3). Times are written RFC 3339 in
// Vietnam's zone, dates YYYY-MM-DD, numbers in decimal.
var fields = map[string]field{
	"applicant.fullName":  text(func(d *Dossier) *string { return &d.Applicant.FullName }),
	"applicant.citizenId": text(func(d *Dossier) *string { return &d.Applicant.CitizenID }),
	"applicant.address":   text(func(d *Dossier) *string { return &d.Applicant.Address }),
	"applicant.phone":     text(func(d *Dossier) *string { return &d.Applicant.Phone }),
	"applicant.email":     text(func(d *Dossier) *string { return &d.Applicant.Email }),
	"applicant.orgId":     text(func(d *Dossier) *string { return &d.Applicant.OrgID }),
	"applicant.kind": {
		get: func(d *Dossier) string { return string(d.Applicant.Kind) },
		set: func(d *Dossier, v string) bool {
			if !ApplicantKind(v).Valid() {
				return false
			}
			d.Applicant.Kind = ApplicantKind(v)
			return true
		},
	},
	"applicant.representative.fullName":  representative(func(r *Representative) *string { return &r.FullName }),
	"applicant.representative.citizenId": representative(func(r *Representative) *string { return &r.CitizenID }),
	"applicant.representative.relation":  representative(func(r *Representative) *string { return &r.Relation }),
	"procedure.code":                     text(func(d *Dossier) *string { return &d.Procedure.Code }),
	"procedure.name":                     text(func(d *Dossier) *string { return &d.Procedure.Name }),
	"procedure.version":                  number(func(d *Dossier) *int { return &d.Procedure.Version }),
	"procedure.timeLimitWD":              number(func(d *Dossier) *int { return &d.Procedure.TimeLimitWD }),
	"sets":                               number(func(d *Dossier) *int { return &d.Sets }),
	"channel": {
		get: func(d *Dossier) string { return string(d.Channel) },
		set: func(d *Dossier, v string) bool { d.Channel = Channel(v); return true },
	},
	"receivedAt": instant(func(d *Dossier) *time.Time { return &d.ReceivedAt }),
	"due":        instant(func(d *Dossier) *time.Time { return &d.Due }),
	"countFrom": {
		get: func(d *Dossier) string {
			if d.CountFrom == nil {
				return ""
			}
			return d.CountFrom.String()
		},
		set: func(d *Dossier, v string) bool {
			if v == "" {
				d.CountFrom = nil
				return true
			}
			c, err := calendar.ParseDate(v)
			if err != nil {
				return false
			}
			d.CountFrom = &c
			return true
		},
	},
}

func text(at func(*Dossier) *string) field {
	return field{
		get: func(d *Dossier) string { return *at(d) },
		set: func(d *Dossier, v string) bool { *at(d) = v; return true },
	}
}

// representative is a field of the applicant's representative. Setting it
// never writes through the pointer a copy of the dossier shares: it sets a
// new Representative, and none when every field is then empty.
func representative(at func(*Representative) *string) field {
	return field{
		get: func(d *Dossier) string {
			if d.Applicant.Representative == nil {
				return ""
			}
			return *at(d.Applicant.Representative)
		},
		set: func(d *Dossier, v string) bool {
			var r Representative
			if d.Applicant.Representative != nil {
				r = *d.Applicant.Representative
			}
			*at(&r) = v
			if r == (Representative{}) {
				d.Applicant.Representative = nil
			} else {
				d.Applicant.Representative = &r
			}
			return true
		},
	}
}

func number(at func(*Dossier) *int) field {
	return field{
		get: func(d *Dossier) string { return strconv.Itoa(*at(d)) },
		set: func(d *Dossier, v string) bool {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return false
			}
			*at(d) = n
			return true
		},
	}
}

func instant(at func(*Dossier) *time.Time) field {
	return field{
		get: func(d *Dossier) string {
			if t := *at(d); !t.IsZero() {
				return t.In(calendar.Zone).Format(time.RFC3339)
			}
			return ""
		},
		set: func(d *Dossier, v string) bool {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return false
			}
			*at(d) = inZone(t)
			return true
		},
	}
}

// CorrectableFields lists, sorted, the field names a correction may name.
func CorrectableFields() []string {
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// FieldValue returns the current value of a correctable field as text, the
// Old value a correction must carry.
func FieldValue(d Dossier, name string) (string, bool) {
	f, ok := fields[name]
	if !ok {
		return "", false
	}
	return f.get(&d), true
}

// correctionProblem checks a correction against d: every field known and
// its new value one the field can hold (else CodeBadValue), and every old
// value the current one (else CodeStaleValue: someone changed the field
// meanwhile).
func correctionProblem(d *Dossier, b *Corrected) *RuleError {
	for i, c := range b.Changes {
		f, ok := fields[c.Field]
		if !ok {
			return badValue("changes["+strconv.Itoa(i)+"].field", "%q is not a correctable field", c.Field)
		}
		probe := *d
		if !f.set(&probe, c.New) {
			return badValue("changes["+strconv.Itoa(i)+"].new", "%q is not a value of %s", c.New, c.Field)
		}
	}
	for _, c := range b.Changes {
		if cur := fields[c.Field].get(d); cur != c.Old {
			return ruleErr(CodeStaleValue, "%s is now %q, not %q", c.Field, cur, c.Old).with("field", c.Field).with("current", cur)
		}
	}
	return nil
}

// applyCorrected sets the corrected fields and keeps the history.
func (d *Dossier) applyCorrected(in Input, b *Corrected) {
	for _, c := range b.Changes {
		f, ok := fields[c.Field]
		if !ok || !f.set(d, c.New) {
			continue
		}
		if c.Field == "due" {
			d.Deadlines = append(d.Deadlines, Deadline{Event: in.ID, At: in.At, Due: d.Due, Reason: DeadlineCorrected, Note: b.Reason})
		}
	}
	d.Corrections = append(d.Corrections, Correction{
		Event: in.ID, At: in.At, By: in.Actor, Reason: b.Reason, Changes: slices.Clone(b.Changes),
	})
}
