package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mamori-app/mamori/usecase"
	"github.com/mamori-app/mamori/vault"
	"github.com/mamori-app/mamori/vault/trouble"
)

func (a *app) accountCommand() *cobra.Command {
	return a.groupCommand("account", "Change an account's settings", a.accountSetCommand())
}

// tagFlags are the tag options of "account set": --tag replaces the
// account's tags, --add-tag and --remove-tag change some. Each takes tags
// separated by commas or spaces and may be given more than once.
type tagFlags struct {
	set, add, remove []string
}

// tagHelp is the part of "account set --help" about tags.
const tagHelp = `

--tag TAGS replaces the account's tags with TAGS, separated by commas or
spaces (--tag "" removes them all); --add-tag TAGS and --remove-tag TAGS add
or remove some. Tags may be Japanese; case and full-width or half-width
letters do not make two tags different. "mamori list --tag TAG" lists the
accounts with a tag, and the app groups its list by each account's first tag.`

// register adds the flags to cmd.
func (t *tagFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&t.set, "tag", nil, "replace the account's tags with `TAGS` (commas or spaces between them)")
	cmd.Flags().StringArrayVar(&t.add, "add-tag", nil, "add `TAGS` to the account")
	cmd.Flags().StringArrayVar(&t.remove, "remove-tag", nil, "remove `TAGS` from the account")
}

// change is the tag change the flags ask for, nil for none.
func (t *tagFlags) change(cmd *cobra.Command) *usecase.TagChange {
	f := cmd.Flags()
	if !f.Changed("tag") && !f.Changed("add-tag") && !f.Changed("remove-tag") {
		return nil
	}
	c := &usecase.TagChange{Add: t.add, Remove: t.remove}
	if f.Changed("tag") {
		c.Set = append([]string{}, t.set...)
	}
	return c
}

func (a *app) accountSetCommand() *cobra.Command {
	var needsTwo bool
	var offset int
	var lockoutDur string
	var pinned bool
	var tags tagFlags
	cmd := &cobra.Command{
		Use:   "set ACCOUNT [--needs-two-devices[=true|false]] [--clock-offset SECONDS] [--lockout-duration DURATION] [--pinned[=true|false]] [--tag TAGS] [--add-tag TAGS] [--remove-tag TAGS]",
		Short: "Change an account's settings",
		Long: `Change ACCOUNT's settings; only the flags given change.

--needs-two-devices says the service wants two registered devices (Amazon's
two-step verification, for one: a primary device and a backup). The
readiness report ("mamori phone readiness") then flags the account while
fewer than two are recorded (phone numbers receiving codes and devices bound
with "mamori device bind"). --needs-two-devices=false clears it.

--clock-offset SECONDS makes the account's codes for this computer's time
plus SECONDS (negative: earlier), for a service whose clock runs early or
late, or a device clock that cannot be fixed; "mamori code" and "mamori
trouble ACCOUNT code-rejected" apply it. 0 removes it; at most a day either
way. "mamori clock --ntp SERVER" measures this computer's own offset.

--lockout-duration DURATION ("3h", "90m") is how long the service's lock
after wrong passwords lasts, for "mamori lockout"; 0 restores the default,
one hour.

--pinned puts the account first in "mamori list" and the app, and in the
app's system tray menu; --pinned=false unpins it.` + tagHelp,
		Args: exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f := cmd.Flags()
			st := usecase.Settings{Tags: tags.change(cmd)}
			if f.Changed("needs-two-devices") {
				st.NeedsTwoDevices = &needsTwo
			}
			if f.Changed("clock-offset") {
				st.ClockOffset = &offset
			}
			if f.Changed("pinned") {
				st.Pinned = &pinned
			}
			if f.Changed("lockout-duration") {
				d, err := parseDuration(lockoutDur)
				if err != nil {
					return usageErr("cli.error.bad_lockout_duration", data{"Flag": "--lockout-duration"}).wrap(err)
				}
				st.LockoutDuration = &d
			}
			if st == (usecase.Settings{}) {
				return usageErr("cli.error.account_no_settings", nil).withHint("cli.hint.help", data{"Command": cmd.CommandPath()})
			}
			svc, err := a.service()
			if err != nil {
				return err
			}
			r, err := svc.ChangeSettings(args[0], st)
			if err != nil {
				return a.settingsError(err)
			}
			a.settingsNotes(r, st)
			return nil
		},
	}
	cmd.Flags().BoolVar(&needsTwo, "needs-two-devices", false, "the service wants two registered devices")
	cmd.Flags().IntVar(&offset, "clock-offset", 0, "make the account's codes for the time plus SECONDS (0: none)")
	cmd.Flags().StringVar(&lockoutDur, "lockout-duration", "", `how long the service's lockout lasts ("3h"; 0: one hour)`)
	cmd.Flags().BoolVar(&pinned, "pinned", false, "put the account first in lists and the tray menu")
	tags.register(cmd)
	return cmd
}

// settingsError explains a setting refused as out of range: a usage error,
// since the command line asked for it.
func (a *app) settingsError(err error) error {
	var long *vault.TagTooLongError
	switch {
	case errors.As(err, &long):
		return usageErr("cli.error.tag_too_long", data{"Tag": long.Tag, "Max": vault.MaxTagLength}).wrap(err)
	case errors.Is(err, vault.ErrTooManyTags):
		return usageErr("cli.error.too_many_tags", data{"Max": vault.MaxTags}).wrap(err)
	case errors.Is(err, trouble.ErrBadOffset):
		return usageErr("cli.error.bad_clock_offset", data{"Max": trouble.MaxClockOffset}).wrap(err)
	case errors.Is(err, trouble.ErrBadDuration):
		return usageErr("cli.error.bad_lockout_duration", data{"Flag": "--lockout-duration"}).wrap(err)
	}
	return err
}

// settingsNotes says what "account set" changed.
func (a *app) settingsNotes(r usecase.SettingsChanged, st usecase.Settings) {
	label := r.Account.Label()
	if len(r.Changed) == 0 {
		a.note("cli.note.account_unchanged", data{"Label": label})
	}
	acct := r.Account
	for _, c := range r.Changed {
		switch {
		case c == usecase.SettingNeedsTwoDevices && acct.NeedsTwoDevices:
			a.note("cli.note.needs_two_devices", data{"Label": label})
		case c == usecase.SettingNeedsTwoDevices:
			a.note("cli.note.needs_two_devices_off", data{"Label": label})
		case c == usecase.SettingClockOffset && acct.ClockOffset != 0:
			a.note("cli.note.clock_offset_set", data{"Label": label, "Seconds": fmt.Sprintf("%+d", acct.ClockOffset)})
		case c == usecase.SettingClockOffset:
			a.note("cli.note.clock_offset_off", data{"Label": label})
		case c == usecase.SettingLockoutDuration && acct.LockoutDuration != 0:
			a.note("cli.note.lockout_duration_set", data{"Label": label, "Duration": a.duration(acct.LockoutDuration)})
		case c == usecase.SettingLockoutDuration:
			a.note("cli.note.lockout_duration_default", data{"Label": label, "Duration": a.duration(trouble.DefaultLockoutDuration)})
		case c == usecase.SettingPinned && acct.Pinned:
			a.note("cli.note.account_pinned", data{"Label": label})
		case c == usecase.SettingPinned:
			a.note("cli.note.account_unpinned", data{"Label": label})
		case c == usecase.SettingTags && len(acct.Tags) == 0:
			a.note("cli.note.tags_cleared", data{"Label": label})
		case c == usecase.SettingTags:
			a.note("cli.note.tags_set", data{"Label": label, "Tags": strings.Join(acct.Tags, ", ")})
		}
	}
	if r.OneDevice != nil && st.NeedsTwoDevices != nil {
		a.warn("cli.warn.one_device", data{"Label": label, "Count": r.OneDevice.Count})
	}
}
