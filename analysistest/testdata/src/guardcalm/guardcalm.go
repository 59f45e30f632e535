package guardcalm // want `calm: package guardcalm`
