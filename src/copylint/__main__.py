from .cli_core import leave, main

leave(main())
