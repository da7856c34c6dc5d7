/* zlib, for reading .tar.gz archives. GPL-2.0-or-later. */
#include <zlib.h>
