/* libxml2's HTML parser, for reading web pages (the HTML importer). GPL-2.0-or-later. */
#include <libxml/xmlversion.h>
/* libxml2 is built with ICU, and its headers would pull in ICU's, which clash with the copy
   Foundation carries; postsearch uses none of the encoding handler's ICU fields. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parser.h>

/* xmlFree is a global function pointer: Swift 6 will not read a mutable C global from
   concurrent code, so it is called through this function. */
static inline void postsearch_xml_free(void *pointer) { xmlFree(pointer); }
