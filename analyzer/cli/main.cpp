#include <iostream>

#include "analyzer/cli/cli.hpp"

int main(int argc, char** argv) {
  return twostep::cli::run(argc, argv, std::cout, std::cerr);
}
