stage_name = "local"
greeting   = "Hi"
