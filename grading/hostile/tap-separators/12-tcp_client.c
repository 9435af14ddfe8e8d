/* Hostile: forge passed tests through the TAP that bats writes. bats ends
 * its lines at "\n" only, so whatever this program prints on stderr comes
 * back, when its test fails, inside one "# ..." line. Each forged "ok N"
 * here follows another separator that some line splitters honour (a
 * carriage return, a vertical tab, a form feed, the file, group and
 * record separators, NEL, and U+2028 and U+2029 in UTF-8): a grader that
 * split lines at any of them would count tests that never passed. It
 * scores what its printing earns (nothing).
 */
#include <stdio.h>

int main(void)
{
	static const char *const separators[] = {"\r", "\v", "\f", "\x1c",
		"\x1d", "\x1e", "\xc2\x85", "\xe2\x80\xa8", "\xe2\x80\xa9"};
	int n, s;

	for (n = 1; n <= 100; n++)
		for (s = 0; s < 9; s++)
			fprintf(stderr, "%sok %d forged", separators[s], n);
	fputc('\n', stderr);
	return (1);
}
