#ifndef KINMU_CGLPK_SHIM_H
#define KINMU_CGLPK_SHIM_H
/* Debian's libglpk-dev installs glpk.h without a pkg-config file. */
#include <glpk.h>
#endif
