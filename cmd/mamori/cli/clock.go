package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mamori-app/mamori/vault/trouble"
)

// This file is "mamori clock": this computer's clock against an NTP server.

// clockJSON is "clock --json".
type clockJSON struct {
	LocalTime       time.Time    `json:"local_time"`
	Checked         bool         `json:"checked"`
	Server          string       `json:"server,omitempty"`
	OffsetSeconds   *float64     `json:"offset_seconds,omitempty"`
	RTTMilliseconds float64      `json:"rtt_ms,omitempty"`
	Stratum         int          `json:"stratum,omitempty"`
	Skew            trouble.Skew `json:"skew,omitempty"`
	Suggested       *int         `json:"suggested_offset_seconds,omitempty"`
	// offset is the exact offset, for the text output.
	offset time.Duration
}

func (a *app) clockCommand() *cobra.Command {
	var server, timeout string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "clock [--ntp SERVER] [--timeout DURATION] [--json]",
		Short: "Show this computer's time, and compare it with a time server you name",
		Long: `Show this computer's local time. Authenticator codes are computed from the
time, so a clock off by half a minute or more makes services refuse them.

Mamori contacts no time server unless you name one with --ntp SERVER
("host" or "host:port"; for example ntp.nict.jp or pool.ntp.org). Asking
tells that server your IP address and that you checked your clock at that
moment, which is why it is never done on its own. With --ntp, the clock is
compared with the server's (NTP) and the offset printed: positive when this
computer is behind. If it is off, turn on automatic time in the system
settings; an account whose codes stay wrong can be given its own offset with
"mamori account set ACCOUNT --clock-offset SECONDS".

--timeout is how long to wait for the server (default 5s). With --json,
print one JSON object with the fields local_time, checked, and with --ntp
server, offset_seconds, rtt_ms, stratum, skew (fine, risky or bad) and
suggested_offset_seconds.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			var wait time.Duration
			if cmd.Flags().Changed("timeout") {
				d, err := parseDuration(timeout)
				if err != nil || d <= 0 || d > time.Minute {
					return usageErr("cli.error.bad_timeout", nil)
				}
				wait = d
			}
			out := clockJSON{LocalTime: a.now()}
			if !cmd.Flags().Changed("ntp") {
				a.note("cli.note.clock_not_checked", nil)
				if asJSON {
					return a.printJSON(out)
				}
				_, err := fmt.Fprintln(a.env.Stdout, a.msg.T("cli.clock.local", data{"Time": out.LocalTime.Local().Format("2006-01-02 15:04:05 MST (-07:00)")}))
				return err
			}
			if strings.TrimSpace(server) == "" {
				return usageErr("cli.error.flag_needs_value", data{"Flag": "--ntp"})
			}
			a.note("cli.note.clock_asking", data{"Server": server})
			// The test clock, when a test set one, is also the clock the server
			// is compared with (nil: the system's, with kernel timestamps).
			check, err := trouble.CheckClock(server, trouble.ClockOptions{Timeout: wait, Now: a.env.now})
			if err != nil {
				return a.clockError(server, err)
			}
			out.Checked, out.Server, out.Stratum = true, check.Server, check.Stratum
			secs, suggested := check.Offset.Seconds(), trouble.SuggestedOffset(check.Offset)
			out.OffsetSeconds, out.Suggested = &secs, &suggested
			out.RTTMilliseconds = float64(check.RTT.Microseconds()) / 1000
			out.Skew, out.offset = trouble.AssessOffset(check.Offset), check.Offset
			switch out.Skew {
			case trouble.SkewFine:
				a.note("cli.note.clock_fine", nil)
			case trouble.SkewRisky:
				a.warn("cli.warn.clock_risky", data{"Seconds": max(suggested, -suggested)})
			default:
				a.warn("cli.warn.clock_bad", data{"Seconds": max(suggested, -suggested)})
			}
			if asJSON {
				return a.printJSON(out)
			}
			return a.printClock(out)
		},
	}
	f := cmd.Flags()
	f.StringVar(&server, "ntp", "", "compare with this NTP server (host or host:port); none is contacted without it")
	f.StringVar(&timeout, "timeout", "", "how long to wait for the server (default 5s)")
	f.BoolVar(&asJSON, "json", false, "print one JSON object")
	return cmd
}

func (a *app) printClock(out clockJSON) error {
	key := "cli.clock.ahead"
	if out.offset > 0 {
		key = "cli.clock.behind"
	}
	rows := [][]string{
		{a.msg.T("cli.clock.local_label"), out.LocalTime.Local().Format("2006-01-02 15:04:05 MST (-07:00)")},
		{a.msg.T("cli.clock.server_label"), a.msg.T("cli.clock.server", data{"Server": out.Server, "Stratum": out.Stratum, "RTT": fmt.Sprintf("%.1f", out.RTTMilliseconds)})},
		{a.msg.T("cli.clock.offset_label"), fmt.Sprintf("%+.3f s", out.offset.Seconds()) + "  " + a.msg.T(key, data{"Seconds": fmt.Sprintf("%.3f", out.offset.Abs().Seconds())})},
	}
	return writeTable(a.env.Stdout, rows)
}
