package calendar

// The Vietnamese lunisolar calendar (âm lịch), computed for Vietnam's time
// zone, UTC+7.
//
// # Method
//
// The rules are those of Hồ Ngọc Đức's reference implementation ("Âm lịch
// Việt Nam", 2004, https://www.informatik.uni-leipzig.de/~duc/amlich/), the
// one Vietnamese calendars are printed from, which are the rules of the
// Chinese calendar since 1645 applied in UTC+7:
//
//  1. A lunar month starts on the day, in UTC+7, that contains a new moon
//     (conjunction of the Sun and the Moon). newMoon gives the instant of the
//     k-th new moon after 1900-01-01 13:52 UT; newMoonDay turns it into a
//     Julian day number in the given zone.
//  2. Month 11 is the month that contains the December solstice (the Sun at
//     ecliptic longitude 270°). lunarMonth11 finds, for a solar year, the day
//     month 11 starts.
//  3. From one month 11 to the next there are 12 or 13 months. If 13, the
//     first month that contains no major solar term (trung khí: a multiple of
//     30° of solar longitude) is the leap month, and takes the number of the
//     month before it. leapMonthOffset finds it by comparing the Sun's
//     30° sector at the local midnight starting each month.
//  4. Tết (1/1) is the second month after month 11 (the third if month 11 or
//     12 is followed by a leap month).
//
// Only the time zone distinguishes this calendar from the Chinese one (UTC+8):
// a new moon or a solar term between 23:00 and 24:00 Beijing time falls on
// different days. That is why Tết fell on 17 February 2007 in Vietnam and on
// the 18th in China, on 21 January 1985 and on 20 February (a different
// month 11), and will fall on 2 February 2030 and on the 3rd.
//
// Vietnam has reckoned its calendar in UTC+7 since 1968 (the North by a
// decision of 1967; the South followed the Chinese calendar until
// reunification). Earlier dates are computed in UTC+7 all the same, as a
// proleptic calendar: they can differ from calendars printed at the time.
//
// # Differences from the reference code
//
// The rules above are implemented as in the reference code; the astronomy
// is more precise (see astro.go). Two defects of the reference JavaScript
// are also fixed: its solar→lunar conversion tries only two candidate new
// moons and can answer "day 0" when the true new moon is far from the mean
// one, and its lunar→solar conversion numbers a leap 12th month as month 0.

import (
	"fmt"
	"math"
)

// vnZoneHours is the offset of Vietnam's calendar from UT, in hours.
const vnZoneHours = 7.0

// LunarDate is a date of the Vietnamese lunar calendar. Year is the solar
// year in which the lunar year begins (Tết of lunar year 2025 is in
// January 2025). Month is 1–12; Leap marks the intercalary month that repeats
// Month's number. Day is 1–30.
type LunarDate struct {
	Year  int  `json:"year"`
	Month int  `json:"month"`
	Day   int  `json:"day"`
	Leap  bool `json:"leap,omitempty"`
}

// String writes l as day/month/year, "10/3/2025" or "5/6n/2025" for a day of
// a leap month (the n stands for nhuận).
func (l LunarDate) String() string {
	leap := ""
	if l.Leap {
		leap = "n"
	}
	return fmt.Sprintf("%d/%d%s/%d", l.Day, l.Month, leap, l.Year)
}

// ToLunar returns the Vietnamese lunar date of d. It returns ErrOutOfRange if
// d's year is outside MinYear–MaxYear.
func ToLunar(d Date) (LunarDate, error) {
	if !d.valid() {
		return LunarDate{}, fmt.Errorf("%w: %s", ErrInvalidDate, d)
	}
	if d.Year < MinYear || d.Year > MaxYear {
		return LunarDate{}, fmt.Errorf("%w: %s (lunar dates cover %d–%d)", ErrOutOfRange, d, MinYear, MaxYear)
	}
	return solarToLunar(d.jdn(), vnZoneHours), nil
}

// FromLunar returns the solar date of the Vietnamese lunar date l. It returns
// ErrNoSuchLunarDate if l does not exist (a leap month that year does not
// have, day 30 of a 29-day month) and ErrOutOfRange if l.Year is outside
// MinYear−1 … MaxYear.
func FromLunar(l LunarDate) (Date, error) {
	if l.Year < MinYear-1 || l.Year > MaxYear {
		return Date{}, fmt.Errorf("%w: lunar year %d (lunar dates cover %d–%d)", ErrOutOfRange, l.Year, MinYear, MaxYear)
	}
	if l.Month < 1 || l.Month > 12 || l.Day < 1 || l.Day > 30 {
		return Date{}, fmt.Errorf("%w: %s", ErrNoSuchLunarDate, l)
	}
	start, ok := lunarMonthStart(l.Year, l.Month, l.Leap, vnZoneHours)
	if !ok {
		return Date{}, fmt.Errorf("%w: lunar year %d has no leap month %d", ErrNoSuchLunarDate, l.Year, l.Month)
	}
	jd := start + l.Day - 1
	if l.Day == 30 && solarToLunar(jd, vnZoneHours).Day != 30 {
		return Date{}, fmt.Errorf("%w: month %s of lunar year %d has 29 days", ErrNoSuchLunarDate, monthLabel(l.Month, l.Leap), l.Year)
	}
	return dateFromJDN(jd), nil
}

// LunarNewYear returns the date of Tết Nguyên đán (1/1 of the lunar year that
// begins in the given solar year).
func LunarNewYear(year int) (Date, error) {
	if year < MinYear || year > MaxYear {
		return Date{}, fmt.Errorf("%w: year %d (lunar dates cover %d–%d)", ErrOutOfRange, year, MinYear, MaxYear)
	}
	start, _ := lunarMonthStart(year, 1, false, vnZoneHours)
	return dateFromJDN(start), nil
}

// LeapMonth returns the number of the leap month of the given lunar year, or
// 0 if it has none. A leap 11th or 12th month lies at the end of the lunar
// year, in December or January (2033 has a leap 11th month).
func LeapMonth(year int) (int, error) {
	if year < MinYear-1 || year > MaxYear {
		return 0, fmt.Errorf("%w: lunar year %d (lunar dates cover %d–%d)", ErrOutOfRange, year, MinYear, MaxYear)
	}
	return leapMonthOfYear(year, vnZoneHours), nil
}

func monthLabel(month int, leap bool) string {
	if leap {
		return fmt.Sprintf("%d (leap)", month)
	}
	return fmt.Sprint(month)
}

// solarToLunar converts the Julian day number jd to a lunar date in a zone
// tz hours east of UT.
func solarToLunar(jd int, tz float64) LunarDate {
	// The month starts on the last new-moon day on or before jd. Start from
	// the mean lunation and step, since a true new moon can be more than
	// half a day from the mean one.
	k := int(math.Floor((float64(jd) - 2415021.076998695) / synodicMonth))
	for newMoonDay(k, tz) > jd {
		k--
	}
	for newMoonDay(k+1, tz) <= jd {
		k++
	}
	monthStart := newMoonDay(k, tz)

	y, _, _ := jdToDate(jd)
	a11 := lunarMonth11(y, tz)
	b11 := a11
	lunarYear := y
	if a11 >= monthStart {
		a11 = lunarMonth11(y-1, tz)
	} else {
		lunarYear = y + 1
		b11 = lunarMonth11(y+1, tz)
	}
	// diff counts the months from month 11 (diff 0) to this one.
	diff := (monthStart - a11) / 29
	month := diff + 11
	leap := false
	if b11-a11 > 365 {
		off := leapMonthOffset(a11, tz)
		if diff >= off {
			month = diff + 10
			leap = diff == off
		}
	}
	if month > 12 {
		month -= 12
	}
	if month >= 11 && diff < 4 {
		lunarYear--
	}
	return LunarDate{Year: lunarYear, Month: month, Day: jd - monthStart + 1, Leap: leap}
}

// lunarMonthStart returns the Julian day number of day 1 of the given month
// of the given lunar year, and false if leap is set and that month is not the
// year's leap month.
func lunarMonthStart(year, month int, leap bool, tz float64) (int, bool) {
	// Months 11 and 12 (and a leap 11 or 12) of lunar year Y lie in the cycle
	// that begins with month 11 of solar year Y; months 1–10 in the cycle
	// that begins with month 11 of solar year Y−1.
	base := year - 1
	if month >= 11 {
		base = year
	}
	a11 := lunarMonth11(base, tz)
	b11 := lunarMonth11(base+1, tz)
	k := int(math.Floor(0.5 + (float64(a11)-2415021.076998695)/synodicMonth))
	off := month - 11
	if off < 0 {
		off += 12
	}
	if b11-a11 > 365 {
		leapOff := leapMonthOffset(a11, tz)
		if leap && month != leapNumber(leapOff) {
			return 0, false
		}
		if leap || off >= leapOff {
			off++
		}
	} else if leap {
		return 0, false
	}
	return newMoonDay(k+off, tz), true
}

// leapMonthOfYear returns the leap month (1–12) of the given lunar year, or 0.
func leapMonthOfYear(year int, tz float64) int {
	// The cycle from month 11 of solar year Y−1 holds lunar months 1–10 of Y;
	// the cycle from month 11 of Y holds months 11 and 12 of Y.
	for _, c := range []struct {
		base int
		late bool
	}{{year - 1, false}, {year, true}} {
		a11 := lunarMonth11(c.base, tz)
		if lunarMonth11(c.base+1, tz)-a11 <= 365 {
			continue
		}
		m := leapNumber(leapMonthOffset(a11, tz))
		if (m >= 11) == c.late {
			return m
		}
	}
	return 0
}

// leapNumber returns the number a leap month takes when it is the off-th
// month after month 11 (off ≥ 1): the number of the month before it.
func leapNumber(off int) int { return (9+off)%12 + 1 }

// synodicMonth is the mean length of a lunation, in days.
const synodicMonth = 29.530588853

// lunarMonth11 returns the Julian day number on which month 11 (the month of
// the December solstice) begins in the given solar year.
func lunarMonth11(year int, tz float64) int {
	off := jdFromDate(year, 12, 31) - 2415021
	k := int(math.Floor(float64(off) / synodicMonth))
	nm := newMoonDay(k, tz)
	if sunSector(nm, tz) >= 9 { // the solstice has passed: month 11 began a lunation earlier
		nm = newMoonDay(k-1, tz)
	}
	return nm
}

// leapMonthOffset returns, for a 13-month cycle starting with month 11 on
// day a11, the position (1–12 months after month 11) of its leap month: the
// first month during which the Sun enters no new 30° sector.
func leapMonthOffset(a11 int, tz float64) int {
	k := int(math.Floor((float64(a11)-2415021.076998695)/synodicMonth + 0.5))
	i := 1
	arc := sunSector(newMoonDay(k+i, tz), tz)
	for {
		last := arc
		i++
		arc = sunSector(newMoonDay(k+i, tz), tz)
		if arc == last || i >= 14 {
			break
		}
	}
	return i - 1
}

// newMoonDay returns the Julian day number, in a zone tz hours east of UT, of
// the day that contains the k-th new moon.
func newMoonDay(k int, tz float64) int {
	return int(math.Floor(newMoon(k) + 0.5 + tz/24))
}

// sunSector returns the 30° sector (0–11; 0 is 0°–30°) of the Sun's ecliptic
// longitude at the local midnight that begins day jd in a zone tz hours east
// of UT.
func sunSector(jd int, tz float64) int {
	return int(sunLongitude(float64(jd)-0.5-tz/24) / 30)
}
