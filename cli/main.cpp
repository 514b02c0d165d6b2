// The klynge command: everything is in the klynge_cli library, so that tests link the same code.
#include "app.hpp"

int main(int argc, char** argv) { return klynge::cli::run(argc, argv); }
