// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fipsctl: is this host really in FIPS 140-3 mode, on validated modules?
 * The program's entry point; the CLI layer (src/cli/) does the rest.
 */
#include <locale.h>

#include "cli/cmd.h"

int main(int argc, char **argv)
{
	/* Output is for machines as much as people: no locale surprises in
	 * numbers, but messages may use the user's character set. */
	setlocale(LC_CTYPE, "");
	int r = fc_cli_run(argc, argv);
	int w = fc_finish_stdout();
	if (w < 0 && r >= 0)
		r = w;
	return fc_exit_code(r);
}
