package web

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// minPassword is the shortest password accepted.
const minPassword = 12

//go:embed common-passwords.txt
var commonPasswordList string

// commonPasswords are the words of common-passwords.txt, which says where
// they come from.
var commonPasswords = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(commonPasswordList, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			m[l] = true
		}
	}
	return m
}()

var errCommonPassword = errors.New("la password è tra quelle più usate e si indovina in pochi tentativi: sceglierne un'altra, per esempio tre o quattro parole qualsiasi")

// checkNewPassword applies the password policy: at least minPassword
// characters, not a common password (alone or with digits and symbols
// around it), not a repetition or a keyboard sequence, not containing the
// user name.
func checkNewPassword(pw, username string) error {
	if len([]rune(pw)) < minPassword {
		return fmt.Errorf("la password deve avere almeno %d caratteri", minPassword)
	}
	lower := strings.ToLower(pw)
	if u := strings.ToLower(strings.TrimSpace(username)); len(u) >= 3 && strings.Contains(lower, u) {
		return errors.New("la password non può contenere il nome utente")
	}
	core := strings.TrimFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) })
	if commonPasswords[lower] || commonPasswords[core] || commonPasswords[strings.ReplaceAll(core, " ", "")] ||
		repeated(lower) || sequence(lower) {
		return errCommonPassword
	}
	return nil
}

// repeated reports whether s is a unit of up to four characters repeated
// («aaaaaaaaaaaa», «abcabcabcabc», «121212121212»).
func repeated(s string) bool {
	r := []rune(s)
	for n := 1; n <= 4 && n < len(r); n++ {
		if strings.Repeat(string(r[:n]), len(r)/n+1)[:len(s)] == s {
			return true
		}
	}
	return false
}

// keyboardRuns are sequences people type as passwords; a password that is
// a stretch of one, forwards or backwards, is refused.
var keyboardRuns = []string{
	"01234567890123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "qwertzuiopasdfghjklyxcvbnm",
	"azertyuiopqsdfghjklmwxcvbn", "1qaz2wsx3edc4rfv5tgb6yhn7ujm", "1q2w3e4r5t6y7u8i9o0p",
}

func sequence(s string) bool {
	rev := []rune(s)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	for _, run := range keyboardRuns {
		if strings.Contains(run, s) || strings.Contains(run, string(rev)) {
			return true
		}
	}
	return false
}
