package calendar

import "time"

// Rules are the holiday rules of the Labour Code, kept as data so that an
// administrator can edit them and nodes can sync them: nothing about which
// days are holidays is written in code beyond DefaultRules. Each rule may be
// limited to a span of years, so that a change in the law does not rewrite
// earlier years. All fields are required; DefaultRules gives the law as it
// stands.
type Rules struct {
	// WorkingWeekdays are the days of the regular working week. The other
	// days are weekly rest days (ngày nghỉ hằng tuần).
	WorkingWeekdays []time.Weekday `json:"workingWeekdays"`
	// Solar lists the holidays on a fixed day of the solar year.
	Solar []SolarHoliday `json:"solar"`
	// Lunar lists the holidays on a fixed day of the lunar year.
	Lunar []LunarHoliday `json:"lunar"`
	// Tet gives the days of Tết Nguyên đán; at most one rule may apply to a
	// year.
	Tet []TetRule `json:"tet"`
	// NationalDayExtra gives the day taken next to National Day; at most one
	// rule may apply to a year.
	NationalDayExtra []AdjacentDayRule `json:"nationalDayExtra"`
	// MakeUp says what happens when a holiday falls on a weekly rest day.
	MakeUp MakeUpPolicy `json:"makeUp"`
}

// Years limits a rule to the years From through To, inclusive. A zero bound
// is open: Years{} is every year, Years{From: 2021} is 2021 onwards.
type Years struct {
	From int `json:"from,omitempty"`
	To   int `json:"to,omitempty"`
}

// Contains reports whether year lies within y.
func (y Years) Contains(year int) bool {
	return (y.From == 0 || year >= y.From) && (y.To == 0 || year <= y.To)
}

// overlaps reports whether y and z share a year.
func (y Years) overlaps(z Years) bool {
	lo1, hi1 := y.bounds()
	lo2, hi2 := z.bounds()
	return lo1 <= hi2 && lo2 <= hi1
}

func (y Years) bounds() (lo, hi int) {
	lo, hi = y.From, y.To
	if lo == 0 {
		lo = -1 << 31
	}
	if hi == 0 {
		hi = 1<<31 - 1
	}
	return lo, hi
}

// SolarHoliday is a one-day holiday on a fixed day of the solar calendar.
type SolarHoliday struct {
	Month  time.Month `json:"month"`
	Day    int        `json:"day"`
	Name   string     `json:"name"`   // Vietnamese
	NameEN string     `json:"nameEn"` // English
	Years
}

// LunarHoliday is a one-day holiday on a fixed day (1–29) of a lunar month
// (never a leap month).
type LunarHoliday struct {
	Month  int    `json:"month"`
	Day    int    `json:"day"`
	Name   string `json:"name"`
	NameEN string `json:"nameEn"`
	Years
}

// TetRule chooses the days of Tết Nguyên đán when no override gives them.
// Offsets count days from 1/1 of the lunar year: −1 is the last day of the
// old year (29 or 30 of the twelfth month), 0 is the first day of Tết, 3 the
// fourth.
type TetRule struct {
	Offsets []int  `json:"offsets"`
	Name    string `json:"name"`
	NameEN  string `json:"nameEn"`
	Years
}

// AdjacentChoice says which neighbour of its anchor an AdjacentDayRule takes.
type AdjacentChoice string

// The choices of adjacent day.
const (
	// AdjacentBefore takes the day before the anchor (1 September).
	AdjacentBefore AdjacentChoice = "before"
	// AdjacentAfter takes the day after the anchor (3 September).
	AdjacentAfter AdjacentChoice = "after"
	// AdjacentBridge takes the neighbour that joins the holiday to the
	// weekend: the neighbour that is a working weekday if only one is;
	// if both are, the one next to a weekly rest day; otherwise the day
	// before. This reproduces the days the government chose for National
	// Day in 2021–2025 (3/9, 1/9, 1/9, 3/9, 1/9).
	AdjacentBridge AdjacentChoice = "bridge"
)

// AdjacentDayRule is a holiday taken next to another one (Labour Code 2019
// art. 112: National Day is 2 September "and one day before or after it").
// The government decides the day each year; Override.NationalDayExtra
// records that decision, and the rule's Choice is the default until it does.
type AdjacentDayRule struct {
	AnchorMonth time.Month     `json:"anchorMonth"`
	AnchorDay   int            `json:"anchorDay"`
	Choice      AdjacentChoice `json:"choice"`
	Name        string         `json:"name"`
	NameEN      string         `json:"nameEn"`
	Years
}

// MakeUpPolicy says what happens when a holiday falls on a weekly rest day.
type MakeUpPolicy string

// The make-up policies.
const (
	// MakeUpNextWorkingDay gives a day off (nghỉ bù) on the next working
	// day that is not itself a holiday, an extra day off or another make-up
	// day (Labour Code 2019 art. 111(3)).
	MakeUpNextWorkingDay MakeUpPolicy = "nextWorkingDay"
	// MakeUpNone gives no day in return.
	MakeUpNone MakeUpPolicy = "none"
)

// Override records what the government decided for one year: the exact days
// of Tết, the day next to National Day, extra days off and the weekend days
// worked in exchange for them. Empty fields leave the rules in force.
type Override struct {
	Year int `json:"year"`
	// TetDays, when not empty, replaces the Tết rule for Year. It lists the
	// statutory days only (as many as the rule's offsets); make-up days
	// follow from them, and days off obtained by swapping go in
	// ExtraDaysOff.
	TetDays []Date `json:"tetDays,omitempty"`
	// NationalDayExtra, when set, is the day next to National Day.
	NationalDayExtra *Date `json:"nationalDayExtra,omitempty"`
	// ExtraDaysOff are working days given off (usually swapped with a
	// Saturday listed in SwappedWorkingDays).
	ExtraDaysOff []NamedDate `json:"extraDaysOff,omitempty"`
	// SwappedWorkingDays are weekly rest days worked that year.
	SwappedWorkingDays []NamedDate `json:"swappedWorkingDays,omitempty"`
	// Notes cites the decision (for example the ministry's announcement).
	Notes string `json:"notes,omitempty"`
}

// NamedDate is a date with an optional name; an empty name is filled in with
// a generic one.
type NamedDate struct {
	Date   Date   `json:"date"`
	Name   string `json:"name,omitempty"`
	NameEN string `json:"nameEn,omitempty"`
}

// DefaultRules returns the public holidays of the Labour Code 2019 (Law
// 45/2019/QH14) art. 112 and the make-up rule of art. 111, with the changes
// of earlier codes so that past years come out right: Hùng Kings' day since
// 2007 (Law 84/2007/QH11), a five-day Tết since 2014 (Labour Code 2012, in
// force from 1 May 2013; four days before), the day next to National Day
// since 2021. The working week is Monday to Friday.
func DefaultRules() Rules {
	return Rules{
		WorkingWeekdays: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		Solar: []SolarHoliday{
			{Month: time.January, Day: 1, Name: "Tết Dương lịch", NameEN: "New Year's Day"},
			{Month: time.April, Day: 30, Name: "Ngày Chiến thắng", NameEN: "Reunification Day"},
			{Month: time.May, Day: 1, Name: "Ngày Quốc tế Lao động", NameEN: "International Labour Day"},
			{Month: time.September, Day: 2, Name: "Quốc khánh", NameEN: "National Day"},
		},
		Lunar: []LunarHoliday{
			{Month: 3, Day: 10, Name: "Giỗ Tổ Hùng Vương", NameEN: "Hung Kings' Commemoration Day", Years: Years{From: 2007}},
		},
		Tet: []TetRule{
			{Offsets: []int{-1, 0, 1, 2}, Name: tetName, NameEN: tetNameEN, Years: Years{To: 2013}},
			{Offsets: []int{-1, 0, 1, 2, 3}, Name: tetName, NameEN: tetNameEN, Years: Years{From: 2014}},
		},
		NationalDayExtra: []AdjacentDayRule{
			{AnchorMonth: time.September, AnchorDay: 2, Choice: AdjacentBridge,
				Name: "Quốc khánh (ngày liền kề)", NameEN: "National Day (adjacent day)", Years: Years{From: 2021}},
		},
		MakeUp: MakeUpNextWorkingDay,
	}
}

const (
	tetName   = "Tết Nguyên đán"
	tetNameEN = "Lunar New Year (Tết)"

	makeUpPrefix   = "Nghỉ bù "
	makeUpPrefixEN = "Make-up day off for "

	extraName         = "Ngày nghỉ hoán đổi"
	extraNameEN       = "Swapped day off"
	swappedWorkName   = "Ngày làm việc bù"
	swappedWorkNameEN = "Swapped working day"
)
