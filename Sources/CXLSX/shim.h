// libxlsxwriter: writes .xlsx files cell by cell, with formats, frozen panes and charts.
#include <xlsxwriter.h>
